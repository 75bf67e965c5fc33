/** The items of `items` as an async iterable (a byte source, a gRPC request stream ...). */
export async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}
