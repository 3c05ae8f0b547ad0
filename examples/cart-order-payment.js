// The classic shop flow written with promises: each step waits for the one before it.
// Trace it to see every .then create a promise that settles one microtask after its parent.

function createOrder(cart) {
  return new Promise((resolve, reject) => {
    if (cart.length === 0) return reject(new Error('cart is empty'));
    setTimeout(() => resolve({ id: 'ORD-1', items: cart }), 20);
  });
}

function proceedToPayment(order) {
  return new Promise((resolve) => setTimeout(() => resolve({ order: order.id, paid: true }), 10));
}

function showOrderSummary(payment) {
  console.log('payment done for', payment.order);
  return payment;
}

const cart = ['shoes', 'pants', 'kurta'];

createOrder(cart)
  .then((order) => {
    console.log('order created', order.id);
    return proceedToPayment(order);
  })
  .then(showOrderSummary)
  .catch((error) => console.error('checkout failed:', error.message))
  .finally(() => console.log('checkout finished'));

createOrder([]).catch((error) => console.error('second cart:', error.message));
