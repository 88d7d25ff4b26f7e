/**
 * Reads the elements of one array inside a JSON document held as bytes, one at a time,
 * without building the whole document: HiBob's people search answers every employee in
 * one body, and a `JSON.parse` of 50,000 people holds all of them as objects at once
 * (see the measurement in the HiBob reader). Only one element's text and objects are
 * alive at a time; the caller maps it to a row and drops it.
 *
 * The scanner tracks strings (with escapes) and nesting depth over the raw bytes; each
 * element's bytes are then given to `JSON.parse`, so values are decoded exactly as JSON
 * says. A document that is not what we expect throws a JsonItemsError.
 */
export class JsonItemsError extends Error {
  override name = 'JsonItemsError';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The elements of `document[key]` (a top-level key of an object), parsed one by one. */
export function* jsonArrayItems(document: Buffer, key: string): Generator<unknown> {
  let at = skipSpace(document, 0);
  if (document[at] !== OPEN_OBJECT) throw new JsonItemsError('the answer is not a JSON object');
  at += 1;
  for (;;) {
    at = skipSpace(document, at);
    if (document[at] === CLOSE_OBJECT) return;
    if (document[at] !== QUOTE) throw new JsonItemsError(`expected a key at byte ${at}`);
    const keyEnd = endOfString(document, at);
    const name = JSON.parse(document.toString('utf8', at, keyEnd)) as string;
    at = skipSpace(document, keyEnd);
    if (document[at] !== COLON) throw new JsonItemsError(`expected ":" at byte ${at}`);
    at = skipSpace(document, at + 1);
    if (name === key) {
      if (document[at] !== OPEN_ARRAY) throw new JsonItemsError(`"${key}" is not an array`);
      yield* arrayElements(document, at);
      return;
    }
    at = skipSpace(document, endOfValue(document, at));
    if (document[at] === COMMA) at += 1;
  }
}

function* arrayElements(document: Buffer, open: number): Generator<unknown> {
  let at = skipSpace(document, open + 1);
  if (document[at] === CLOSE_ARRAY) return;
  for (;;) {
    const end = endOfValue(document, at);
    yield JSON.parse(document.toString('utf8', at, end)) as unknown;
    at = skipSpace(document, end);
    if (document[at] === CLOSE_ARRAY) return;
    if (document[at] !== COMMA) throw new JsonItemsError(`expected "," or "]" at byte ${at}`);
    at = skipSpace(document, at + 1);
  }
}

/** The index just past the value starting at `start` (object, array, string or scalar). */
function endOfValue(document: Buffer, start: number): number {
  const first = document[start];
  if (first === QUOTE) return endOfString(document, start);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let at = start;
    while (at < document.length) {
      const byte = document[at]!;
      if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
      at += 1;
    }
    if (at === start) throw new JsonItemsError(`expected a value at byte ${start}`);
    return at;
  }
  let depth = 0;
  for (let at = start; at < document.length; at += 1) {
    const byte = document[at]!;
    if (byte === QUOTE) {
      at = endOfString(document, at) - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  throw new JsonItemsError('the answer ends inside a value (cut off?)');
}

/** The index just past the closing quote of the string opening at `start`. */
function endOfString(document: Buffer, start: number): number {
  for (let at = start + 1; at < document.length; at += 1) {
    const byte = document[at]!;
    if (byte === BACKSLASH) at += 1;
    else if (byte === QUOTE) return at + 1;
  }
  throw new JsonItemsError('the answer ends inside a string (cut off?)');
}

function skipSpace(document: Buffer, from: number): number {
  let at = from;
  while (at < document.length && isSpace(document[at]!)) at += 1;
  return at;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
