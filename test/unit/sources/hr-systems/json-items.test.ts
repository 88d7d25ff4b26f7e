import { JsonItemsError, jsonArrayItems } from '../../../../src/sources/hr-systems';

const items = (text: string, key = 'employees') => [
  ...jsonArrayItems(Buffer.from(text, 'utf8'), key),
];

it('yields the elements of the named array one by one', () => {
  expect(items('{"employees":[{"id":"1"},{"id":"2"}]}')).toEqual([{ id: '1' }, { id: '2' }]);
});

it('skips other keys before the array, whatever their values', () => {
  const text =
    '{ "meta": {"a": [1, {"b": "]}"}]}, "n": -1.5e3, "t": true, "z": null,\n "employees" : [ 1 , "two" , [3] ] }';
  expect(items(text)).toEqual([1, 'two', [3]]);
});

it('is not fooled by brackets, quotes and escapes inside strings', () => {
  const person = {
    name: 'O\'Brien "the [first]" {x}',
    path: 'C:\\dir\\',
    emoji: 'Zoë 🙂',
    nested: { list: ['}', ']', '\\"'] },
  };
  expect(items(JSON.stringify({ employees: [person, person] }))).toEqual([person, person]);
});

it('yields nothing for an empty array, or when the key is not there', () => {
  expect(items('{"employees": []}')).toEqual([]);
  expect(items('{"other": [1]}')).toEqual([]);
});

it('reads the same as JSON.parse for generated documents', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const value = (depth: number): unknown => {
    const pick = random();
    if (depth > 3 || pick < 0.3) return Math.round(random() * 1000) / 10;
    if (pick < 0.5)
      return String.fromCharCode(
        ...Array.from({ length: 5 }, () => 32 + Math.floor(random() * 90)),
      );
    if (pick < 0.6) return null;
    if (pick < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}"]`, value(depth + 1)]),
    );
  };
  for (let round = 0; round < 50; round += 1) {
    const list = Array.from({ length: 5 }, () => value(0));
    const text = JSON.stringify(
      { before: value(0), employees: list, after: value(0) },
      null,
      round % 2 ? 2 : 0,
    );
    expect(items(text)).toEqual(JSON.parse(text).employees);
  }
});

it('throws on an answer that was cut off or is not an object', () => {
  expect(() => items('{"employees":[{"id":"1"},{"id":')).toThrow(JsonItemsError);
  expect(() => items('{"employees":[{"name":"unterminated')).toThrow(JsonItemsError);
  expect(() => items('[1,2]')).toThrow(/not a JSON object/);
  expect(() => items('{"employees": {"a": 1}}')).toThrow(/not an array/);
});
