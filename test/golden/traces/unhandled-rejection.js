// A rejection nobody handles ends the program (exit code 1) once the microtasks drain.
const handled = Promise.reject(new Error('handled'));
handled.catch(() => console.log('handled one caught'));
Promise.resolve().then(() => {
  throw new Error('nobody catches this');
});
setTimeout(() => console.log('never printed'), 10);
