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

void (async () => {
  const order = await new Promise((resolve) => createOrder(cart, resolve));
  const payment = await new Promise((resolve) => proceedToPayment(order, resolve));
  const summary = await new Promise((resolve) => showOrderSummary(payment, resolve));
  const result = await new Promise((resolve) => updateWallet(summary, resolve));
  console.log(result);
})();
