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

getUser(7, (user) => {
  getOrders(user, (orders) => {
    const total = orders.reduce((sum, o) => sum + o.price, 0);
    sendMail(user.name, `total ${total}`, (receipt) => {
      console.log(receipt, 'for', user.id, 'total', total);
    });
  });
});
