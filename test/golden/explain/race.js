// race settles with the first input to settle.
const wait = (ms, v) => new Promise((res) => setTimeout(res, ms, v));
Promise.race([wait(10, 'slow'), wait(2, 'fast')]).then((v) => console.log('race', v));
