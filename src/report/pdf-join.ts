import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  StandardFonts,
  rgb,
  type PDFPage,
} from 'pdf-lib';

// Joining PDF parts printed one by one: pages copied in order, a bookmark outline over all of
// them, "Page X of Y" stamped on every page and metadata that depends on the input alone.

/** Where a named destination points: a 0-based page of its part and the height on that page. */
export interface Destination {
  page: number;
  /** PDF units from the bottom of the page; absent: the top. */
  y?: number;
}

/** What a printed part holds: its page count and its named destinations. */
export interface PartInfo {
  pageCount: number;
  destinations: ReadonlyMap<string, Destination>;
}

/**
 * Reads a part's page count and its named destinations (Chromium writes one, in the catalog's
 * /Dests, for each element a link in the document points at).
 */
export async function inspectPdf(pdf: Uint8Array): Promise<PartInfo> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  return { pageCount: document.getPageCount(), destinations: namedDestinations(document) };
}

function namedDestinations(document: PDFDocument): Map<string, Destination> {
  const pageIndex = new Map(document.getPages().map((page, i) => [page.ref.toString(), i]));
  const found = new Map<string, Destination>();
  const add = (name: string, value: unknown): void => {
    const target = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value;
    const array = target instanceof PDFRef ? document.context.lookup(target) : target;
    if (!(array instanceof PDFArray)) return;
    const page = pageIndex.get(array.get(0).toString());
    if (page === undefined) return;
    const y = array.size() >= 4 ? array.lookup(3) : undefined;
    found.set(name, { page, ...(y instanceof PDFNumber ? { y: y.asNumber() } : {}) });
  };
  // PDF 1.1 style (what Chromium writes): a dictionary from name to destination.
  const dests = document.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) add(key.decodeText(), document.context.lookup(value));
  }
  // PDF 1.2 style: a name tree under /Names /Dests.
  const names = document.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  const walk = (node: unknown): void => {
    if (!(node instanceof PDFDict)) return;
    const leaf = node.lookup(PDFName.of('Names'));
    if (leaf instanceof PDFArray) {
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = leaf.lookup(i);
        if (key instanceof PDFHexString || key instanceof PDFString) add(key.decodeText(), leaf.lookup(i + 1));
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i));
  };
  walk(tree);
  return found;
}

/** One bookmark: a title and the named destination of a part it opens. */
export interface OutlineItem {
  title: string;
  /** Index of the part in the list given to {@link joinPdfParts}. */
  part: number;
  destination: string;
  children?: OutlineItem[];
}

/** Options for {@link joinPdfParts}. */
export interface JoinOptions {
  title: string;
  subject?: string;
  /** `auditpack 0.1.0` */
  producer: string;
  creator: string;
  /** Written as creation and modification date: from the input (never the clock), so the same input gives the same bytes. */
  date: Date;
  outline: readonly OutlineItem[];
  /** The footer of page `n` (1-based) of `total`; ASCII only (printed in Helvetica). Absent: no footer. */
  footer?: (n: number, total: number) => string;
}

const FOOTER_SIZE = 7.5;
/** The printed parts' right margin (12 mm) and the footer's baseline in the bottom margin (16 mm). */
const FOOTER_RIGHT = (12 / 25.4) * 72;
const FOOTER_BASELINE = (7 / 25.4) * 72;

/**
 * Joins PDF parts into one document: every page in order, the outline (bookmarks) pointing into
 * the parts' named destinations, an optional footer stamped on every page and deterministic
 * metadata (pdf-lib writes no /ID, and no date or producer of its own with updateMetadata off).
 * Link annotations of the parts are dropped: they point into their own part only.
 */
export async function joinPdfParts(parts: readonly Uint8Array[], options: JoinOptions): Promise<Buffer> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const starts: number[] = [];
  const destinations: ReadonlyMap<string, Destination>[] = [];
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes, { updateMetadata: false });
    destinations.push(namedDestinations(part));
    starts.push(joined.getPageCount());
    // A link's /Dest names a page of the part: copying it would drag that page's whole tree along.
    for (const page of part.getPages()) page.node.delete(PDFName.of('Annots'));
    const copied = await joined.copyPages(part, part.getPageIndices());
    for (const page of copied) joined.addPage(page);
  }
  const pages = joined.getPages();

  if (options.footer) {
    const font = await joined.embedFont(StandardFonts.Helvetica);
    pages.forEach((page, i) => stampFooter(page, asciiOnly(options.footer?.(i + 1, pages.length) ?? ''), font));
  }

  const resolve = (item: OutlineItem): { page: PDFPage; y: number | undefined } | undefined => {
    const target = destinations[item.part]?.get(item.destination);
    const start = starts[item.part];
    if (target === undefined || start === undefined) return undefined;
    const page = pages[start + target.page];
    return page ? { page, y: target.y } : undefined;
  };
  addOutline(joined, options.outline, resolve);

  joined.setTitle(options.title, { showInWindowTitleBar: true });
  if (options.subject !== undefined) joined.setSubject(options.subject);
  joined.setProducer(options.producer);
  joined.setCreator(options.creator);
  joined.setCreationDate(options.date);
  joined.setModificationDate(options.date);
  return Buffer.from(await joined.save());
}

function stampFooter(page: PDFPage, text: string, font: Awaited<ReturnType<PDFDocument['embedFont']>>): void {
  const width = font.widthOfTextAtSize(text, FOOTER_SIZE);
  page.drawText(text, {
    x: page.getWidth() - FOOTER_RIGHT - width,
    y: FOOTER_BASELINE,
    size: FOOTER_SIZE,
    font,
    color: rgb(0.35, 0.39, 0.43),
  });
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * Writes /Outlines: each item a dictionary with /Title, /Parent, /Prev, /Next, /First, /Last,
 * /Count and an explicit /Dest [page /XYZ null y null]. Items whose destination is missing are
 * kept (pointing at nothing would hide them) and open the first page of their part instead.
 */
function addOutline(
  document: PDFDocument,
  items: readonly OutlineItem[],
  resolve: (item: OutlineItem) => { page: PDFPage; y: number | undefined } | undefined,
): void {
  if (items.length === 0) return;
  const context = document.context;
  const pages = document.getPages();
  const rootRef = context.nextRef();
  const build = (level: readonly OutlineItem[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = level.map(() => context.nextRef());
    let count = 0;
    level.forEach((item, i) => {
      const ref = refs[i] as PDFRef;
      const target = resolve(item) ?? { page: pages[0] as PDFPage, y: undefined };
      const dict = context.obj({});
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parentRef);
      const prev = refs[i - 1];
      const next = refs[i + 1];
      if (prev) dict.set(PDFName.of('Prev'), prev);
      if (next) dict.set(PDFName.of('Next'), next);
      dict.set(
        PDFName.of('Dest'),
        context.obj([target.page.ref, PDFName.of('XYZ'), PDFNull, target.y === undefined ? PDFNull : PDFNumber.of(target.y), PDFNull]),
      );
      count += 1;
      if (item.children && item.children.length > 0) {
        const sub = build(item.children, ref);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // Negative: the children start closed, so a 100-requirement outline opens as its sections.
        dict.set(PDFName.of('Count'), PDFNumber.of(-sub.count));
      }
      context.assign(ref, dict);
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef, count };
  };
  const top = build(items, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }));
  document.catalog.set(PDFName.of('Outlines'), rootRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
