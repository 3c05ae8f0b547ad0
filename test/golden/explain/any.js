// any fulfils with the first input to fulfil, ignoring rejections until all have rejected.
const wait = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
Promise.any([wait(2, 'bad', true), wait(6, 'good')]).then((v) => console.log('any', v));
Promise.any([Promise.reject(new Error('x')), Promise.reject(new Error('y'))]).catch((e) => console.log(e.constructor.name));
