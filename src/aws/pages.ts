/** Every item of every page an SDK paginator yields (a page may be empty and still have a next token). */
export const allItems = async <Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => readonly Item[] | undefined): Promise<Item[]> => {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(itemsOf(page) ?? []));
  return all;
};
