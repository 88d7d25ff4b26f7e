/**
 * What the functions given to page.evaluate use of the browser: tsconfig.json has no DOM
 * library (the package runs in Node), so these run in the page typed by hand.
 */
export interface InPage {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}
