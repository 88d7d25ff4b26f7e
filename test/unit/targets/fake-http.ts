import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/http/http-client';

export type Answer = Partial<HttpResponse> | Error;

/** An HttpClient that records each request and answers from `respond` (200 and no body by default). */
export function fakeHttp(respond: (request: HttpRequest) => Answer = () => ({})): {
  http: HttpClient;
  requests: HttpRequest[];
} {
  const requests: HttpRequest[] = [];
  const http: HttpClient = async (request) => {
    requests.push(structuredClone(request));
    const answer = respond(request);
    if (answer instanceof Error) throw answer;
    return { status: 200, headers: {}, body: undefined, ...answer };
  };
  return { http, requests };
}

/** Answers in turn from a list; the last answer repeats. */
export function answersInTurn(...answers: Answer[]): (request: HttpRequest) => Answer {
  let next = 0;
  return () => {
    const answer = answers[Math.min(next, answers.length - 1)] ?? {};
    next += 1;
    return answer;
  };
}
