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
setTimeout(() => console.log('getters run:', touched), 5);
