// Values as a promise holds them: numbers of every shape, strings, functions, class instances,
// errors fulfilled (not thrown) and rejected, an error whose name is a getter. Nothing here may be
// read through a getter, and the error fulfilled as a value must stay fulfilled.
let touched = 0;
class ValidationError extends Error {
  constructor(field) {
    super(`${field} is required`);
    this.name = 'ValidationError';
  }
}
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}
const sly = new Error('sly');
Object.defineProperty(sly, 'name', { get: () => ++touched && 'Sly' });
const values = [42, -7, -0, 1.5, 2 ** 40, NaN, -Infinity, "it's", (a, b) => a + b, new Point(1, 2), new TypeError('kept as a value'), sly];
Promise.allSettled(values.map((v) => Promise.resolve(v))).then((all) => console.log('settled', all.length));
Promise.reject(new ValidationError('email')).catch((e) => console.log('caught', e.name));
// Errors inside values, whose getters util.inspect would run if it formatted them. This one's stack is
// read first (as logging it would), so nothing stops inspect from formatting it.
class HttpError extends Error {
  get name() {
    touched++;
    return 'HttpError';
  }
}
const notFound = new HttpError('not found');
const readFirst = notFound.stack.split('\n')[0];
const holders = [{ error: notFound }, [notFound], new Map([['e', notFound]]), new Set([notFound]), new Proxy({ error: notFound }, {}), { wrapped: new Error('outer', { cause: notFound }) }, Object.create(HttpError.prototype)];
Promise.allSettled(holders.map((h) => Promise.resolve(h))).then((all) => console.log('holders settled', all.length, readFirst));
Promise.reject({ error: notFound }).catch(() => console.log('rejected holder caught'));
setTimeout(() => console.log('getters run:', touched), 5);
