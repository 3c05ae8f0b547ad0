// notify() logs after calling back: with a promise that log would come first.
function notify(text, callback) {
  setTimeout(() => {
    callback(text);
    console.log('notified', text);
  }, 5);
}

notify('a', (a) => {
  notify('b', (b) => {
    notify('c', (c) => {
      console.log('all', a, b, c);
    });
  });
});
