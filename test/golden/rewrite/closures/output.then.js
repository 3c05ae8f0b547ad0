// A later step reads values from earlier ones: user (level 1) and total (declared in level 2).
function getUser(id, callback) {
  setTimeout(() => callback({ id, name: 'Ada' }), 5);
}
function getOrders(user, callback) {
  setTimeout(() => callback([{ price: 3 }, { price: 4 }]), 5);
}
function sendMail(to, text, callback) {
  setTimeout(() => callback(`sent to ${to}`), 5);
}

let user, total;
new Promise((resolve) => getUser(7, resolve))
  .then((userValue) => {
    user = userValue;
    return new Promise((resolve) => getOrders(user, resolve));
  })
  .then((orders) => {
    total = orders.reduce((sum, o) => sum + o.price, 0);
    return new Promise((resolve) => sendMail(user.name, `total ${total}`, resolve));
  })
  .then((receipt) => {
    console.log(receipt, 'for', user.id, 'total', total);
  });
