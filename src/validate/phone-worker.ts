import { parentPort } from 'node:worker_threads';
import { readPhone } from './phone';
import { packReadings } from './phone-readings';
import type { PhoneReply, PhoneRequest } from './phone-thread';

/** The phone thread's worker (see PhoneThread): numbers in, readings out, batch by batch. */
parentPort?.on('message', ({ batch, values, countries }: PhoneRequest) => {
  const readings = packReadings(values.map((value, index) => readPhone(value, countries[index])));
  parentPort?.postMessage({ batch, readings } satisfies PhoneReply);
});
