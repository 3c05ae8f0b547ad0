// Callback hell: every step nests inside the previous one, and each callee decides when (and how
// often) our code runs — inversion of control. Promise Lens flags this pyramid and offers a quick fix
// that rewrites it into a flat .then chain.

function createOrder(cart, callback) {
  setTimeout(() => callback({ id: 'ORD-1', items: cart }), 10);
}
function proceedToPayment(order, callback) {
  setTimeout(() => callback({ order: order.id, paid: true }), 10);
}
function showOrderSummary(payment, callback) {
  setTimeout(() => callback(`order ${payment.order} paid`), 10);
}
function updateWallet(summary, callback) {
  setTimeout(() => callback(`${summary}; wallet updated`), 10);
}

const cart = ['shoes', 'pants', 'kurta'];

createOrder(cart, function (order) {
  proceedToPayment(order, function (payment) {
    showOrderSummary(payment, function (summary) {
      updateWallet(summary, function (result) {
        console.log(result);
      });
    });
  });
});
