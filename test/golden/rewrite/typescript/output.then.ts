// @ts-nocheck: a rewrite golden file (its output keeps this line), not project code to type-check.
interface Order { id: string }

function createOrder(items: string[], callback: (order: Order) => void): void {
  setTimeout(() => callback({ id: items.join('+') }), 5);
}
function pay(order: Order, callback: (err: Error | null, receipt?: string) => void): void {
  setTimeout(() => callback(null, `paid ${order.id}`), 5);
}

let order: Order, receipt;
new Promise<Order>((resolve) => createOrder(['a', 'b'], resolve))
  .then((orderValue) => {
    order = orderValue;
    return new Promise((resolve) => pay(order, (err, receipt) => {
      if (err) return console.error(err.message);
      resolve(receipt);
    }));
  })
  .then((receiptValue) => {
    receipt = receiptValue;
    return new Promise((resolve) => pay(order, (err, again) => {
      if (err) return console.error(err.message);
      resolve(again);
    }));
  })
  .then((again) => {
    console.log(receipt, again);
  });
