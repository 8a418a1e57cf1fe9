// Joins PDFs that Chromium printed tagged (`tagged: true, outline: true`) into one PDF that is
// still tagged: one structure tree, one bookmark outline, one document language. pdf-lib's
// copyPages copies pages only, so a joined PDF used to lose every tag and bookmark; no library
// at hand (pdf-lib, qpdf, pdfunite) merges structure trees, so this does it by the PDF 1.7
// rules (ISO 32000-1, 14.7 and 12.3.3):
// - each part's structure tree root element (a Document) becomes a Part of one new Document;
// - each page's StructParents key, and each annotation's StructParent, is moved past the keys
//   of the parts before it, and the parts' parent trees are joined into one number tree;
// - element IDs (Chromium's DOM node ids, which can repeat between printed documents) are
//   prefixed with the part's number, and so are the table cells' Headers that name them;
// - each part's top-level bookmarks follow the previous part's, closed, or (nestUnderFirst)
//   all go under the first part's first bookmark, the document's title.
// Everything is copied through one PDFObjectCopier per part, so a structure element's page,
// a bookmark's destination and a link's target all land on the same copied page.
// Usage: const joiner = await TaggedPdfJoiner.start({ title, lang }); joiner.append(part) for
// each part as it is printed; joiner.prepend(contents); then joiner.finish().save().
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

export interface JoinOptions {
  title: string;
  /** The document's language, as BCP 47 (the printed HTML's lang). */
  lang: string;
  /** Put every part's bookmarks under the first part's first one (one document with one title), instead of side by side (a pack of documents). */
  nestUnderFirst?: boolean;
}

const name = (value: string) => PDFName.of(value);
const K = name('K');
const P = name('P');

function lookupDict(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const found = value instanceof PDFRef ? context.lookup(value) : value;
  return found instanceof PDFDict ? found : undefined;
}

function refsOf(value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return [];
  return value instanceof PDFArray ? value.asArray() : [value];
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** The [key, value] pairs of a number tree (ParentTree) or name tree (IDTree), leaves in order. */
function treeEntries(context: PDFContext, node: PDFDict | undefined, leafKey: 'Nums' | 'Names'): [PDFObject, PDFObject][] {
  if (!node) return [];
  const entries: [PDFObject, PDFObject][] = [];
  const leaves = node.lookupMaybe(name(leafKey), PDFArray);
  for (let i = 0; leaves && i + 1 < leaves.size(); i += 2) entries.push([leaves.get(i), leaves.get(i + 1)]);
  for (const kid of node.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) entries.push(...treeEntries(context, lookupDict(context, kid), leafKey));
  return entries;
}

/** Every indirect object of a part, as PDFContext lists them. */
type IndirectObjects = [PDFRef, PDFObject][];

/** Gives every structure element ID in the part a prefix, and every Headers list that names one. Done on the part before copying. */
function prefixElementIds(part: PDFDocument, objects: IndirectObjects, prefix: string): void {
  const renamed = (value: PDFObject) => {
    const text = textOf(value);
    return text === undefined ? value : PDFString.of(prefix + text);
  };
  for (const [, object] of objects) {
    if (!(object instanceof PDFDict) || !(object.get(name('Type')) === name('StructElem') || (object.has(name('S')) && object.has(P)))) continue;
    const id = object.get(name('ID'));
    if (id) object.set(name('ID'), renamed(id));
    for (const attributes of refsOf(object.get(name('A')))) {
      const dict = lookupDict(part.context, attributes);
      const headers = dict?.lookupMaybe(name('Headers'), PDFArray);
      if (dict && headers) dict.set(name('Headers'), part.context.obj(headers.asArray().map(renamed)));
    }
  }
}

/**
 * Makes a part's structure tree smaller without changing what it says, before it is copied.
 * Chromium wraps the text of every table cell, list item and paragraph in a NonStruct element
 * (a grouping a reader passes through) and gives every cell RowSpan 1 and ColSpan 1, which are
 * the defaults: a national register pack had 145,000 NonStruct elements and 257,000 such
 * attributes, a third of the objects held in memory while it was joined. Where an element's
 * only kid is a NonStruct holding marked content, the element takes the content (and its page)
 * and the parent tree points at the element; default spans are left out.
 */
function simplifyStructure(part: PDFDocument, objects: IndirectObjects, root: PDFDict | undefined): void {
  const context = part.context;
  const replaced = new Map<PDFRef, PDFRef>();
  const S = name('S');
  const Pg = name('Pg');
  const A = name('A');
  const isDefaultSpan = (attribute: PDFObject) => {
    const dict = lookupDict(context, attribute);
    if (!dict) return false;
    const keys = dict.keys().filter((key) => key !== name('O'));
    return keys.length === 1 && (keys[0] === name('RowSpan') || keys[0] === name('ColSpan')) && dict.lookupMaybe(keys[0], PDFNumber)?.asNumber() === 1;
  };
  for (const [ref, object] of objects) {
    if (!(object instanceof PDFDict) || object.get(name('Type')) !== name('StructElem')) continue;
    const attributes = object.get(A);
    if (attributes instanceof PDFArray) {
      const kept = attributes.asArray().filter((attribute) => !isDefaultSpan(attribute));
      if (kept.length === 0) object.delete(A);
      else if (kept.length !== attributes.size()) object.set(A, context.obj(kept));
    }
    const only = object.get(K);
    if (!(only instanceof PDFRef) || object.has(Pg)) continue;
    const kid = context.lookup(only);
    if (!(kid instanceof PDFDict) || kid.get(S) !== name('NonStruct')) continue;
    const content = kid.get(K);
    const marked = content instanceof PDFNumber || (content instanceof PDFArray && content.asArray().every((item) => item instanceof PDFNumber));
    const page = kid.get(Pg);
    if (!marked || !page) continue;
    object.set(K, content);
    object.set(Pg, page);
    context.delete(only);
    replaced.set(only, ref);
  }
  if (replaced.size === 0) return;
  for (const [, value] of treeEntries(context, lookupDict(context, root?.get(name('ParentTree'))), 'Nums')) {
    const elements = value instanceof PDFRef ? context.lookup(value) : value;
    if (!(elements instanceof PDFArray)) continue;
    elements.asArray().forEach((element, index) => {
      const parent = element instanceof PDFRef ? replaced.get(element) : undefined;
      if (parent) elements.set(index, parent);
    });
  }
}

interface OutlineChain {
  first: PDFRef;
  last: PDFRef;
  /** Items shown when the chain's parent is open. */
  visible: number;
}

/** Links top-level bookmark chains one after another under `parent`; returns the joined chain. */
function linkChains(context: PDFContext, parent: PDFRef, chains: OutlineChain[]): OutlineChain | undefined {
  let joined: OutlineChain | undefined;
  for (const chain of chains) {
    for (let item: PDFRef | undefined = chain.first; item; ) {
      const dict: PDFDict = context.lookup(item, PDFDict);
      dict.set(name('Parent'), parent);
      item = dict.get(name('Next')) as PDFRef | undefined;
    }
    if (joined) {
      context.lookup(joined.last, PDFDict).set(name('Next'), chain.first);
      context.lookup(chain.first, PDFDict).set(name('Prev'), joined.last);
      joined = { first: joined.first, last: chain.last, visible: joined.visible + chain.visible };
    } else {
      joined = { ...chain };
    }
  }
  return joined;
}

/** A part's top-level bookmarks, copied, each left closed so a pack opens as its list of documents. */
function copyOutline(part: PDFDocument, copier: PDFObjectCopier, context: PDFContext): OutlineChain | undefined {
  const outlines = lookupDict(part.context, part.catalog.get(name('Outlines')));
  const first = outlines?.get(name('First'));
  if (!(first instanceof PDFRef)) return undefined;
  const copied: PDFRef[] = [];
  for (let item: PDFObject | undefined = first; item instanceof PDFRef; ) {
    const dict: PDFDict = part.context.lookup(item, PDFDict);
    // The parent is the part's outline root, which is not wanted in the joined document.
    dict.delete(name('Parent'));
    copied.push(copier.copy(item));
    item = dict.get(name('Next'));
  }
  for (const item of copied) {
    const dict = context.lookup(item, PDFDict);
    const count = dict.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0;
    if (count > 0) dict.set(name('Count'), PDFNumber.of(-count));
  }
  return { first: copied[0]!, last: copied[copied.length - 1]!, visible: copied.length };
}

/**
 * Joins tagged PDFs one part at a time, so each part can be dropped as soon as it is copied
 * (a national register pack is thirty parts of 2.7 MB each: held all at once, parsed, they were
 * most of the server's memory). Parts are added in reading order with append(); one part may
 * be put in front with prepend() (a contents page, printed last once the other parts' page
 * counts are known). finish() gives the joined document, ready to stamp and save.
 */
export class TaggedPdfJoiner {
  private readonly documentKids: PDFObject[] = [];
  private readonly parentTree: PDFObject[] = [];
  private readonly ids: [string, PDFObject][] = [];
  private readonly outlineChains: OutlineChain[] = [];
  private readonly rootRef: PDFRef;
  private readonly documentRef: PDFRef;
  private nextKey = 0;
  private parts = 0;
  private prepended = false;

  private constructor(private readonly joined: PDFDocument, private readonly options: JoinOptions) {
    const context = joined.context;
    joined.setTitle(options.title, { showInWindowTitleBar: true });
    this.rootRef = context.nextRef();
    this.documentRef = context.register(context.obj({ Type: 'StructElem', S: 'Document', Lang: PDFString.of(options.lang), P: this.rootRef, K: [] }));
  }

  static async start(options: JoinOptions): Promise<TaggedPdfJoiner> {
    return new TaggedPdfJoiner(await PDFDocument.create({ updateMetadata: false }), options);
  }

  /** Copies the part's pages, structure and bookmarks after those of the parts before it. */
  append(part: PDFDocument): void {
    this.copy(part, 'end');
  }

  /** Copies the part's pages, structure and bookmarks in front of every other part's; once. */
  prepend(part: PDFDocument): void {
    if (this.prepended) throw new Error('Only one part can go in front.');
    this.prepended = true;
    this.copy(part, 'front');
  }

  private copy(part: PDFDocument, where: 'front' | 'end'): void {
    const { joined } = this;
    const context = joined.context;
    const prefix = `p${String(this.parts++).padStart(4, '0')}-`;
    // Listed once (it copies and sorts every object of the part) for both passes over the structure.
    const objects = part.context.enumerateIndirectObjects();
    prefixElementIds(part, objects, prefix);
    const root = lookupDict(part.context, part.catalog.get(name('StructTreeRoot')));
    simplifyStructure(part, objects, root);
    const copier = PDFObjectCopier.for(part.context, context);
    const nextKey = this.nextKey;

    // The part's top elements lose their parent (the part's root) before copying, so the root is not copied with them.
    const kids: PDFObject[] = [];
    for (const top of refsOf(root?.get(K))) {
      lookupDict(part.context, top)?.delete(P);
      const copied = copier.copy(top);
      const element = lookupDict(context, copied);
      element?.set(P, this.documentRef);
      if (element?.get(name('S')) === name('Document')) element.set(name('S'), name('Part'));
      kids.push(copied);
    }
    if (where === 'front') this.documentKids.unshift(...kids);
    else this.documentKids.push(...kids);

    part.getPages().forEach((page, index) => {
      const copiedRef = copier.copy(page.ref);
      const leaf = context.lookup(copiedRef);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('A copied page is not a page.');
      const key = leaf.lookupMaybe(name('StructParents'), PDFNumber);
      if (key) leaf.set(name('StructParents'), PDFNumber.of(key.asNumber() + nextKey));
      for (const annotation of leaf.lookupMaybe(name('Annots'), PDFArray)?.asArray() ?? []) {
        const dict = lookupDict(context, annotation);
        const annotationKey = dict?.lookupMaybe(name('StructParent'), PDFNumber);
        if (dict && annotationKey) dict.set(name('StructParent'), PDFNumber.of(annotationKey.asNumber() + nextKey));
      }
      const copiedPage = PDFPage.of(leaf, copiedRef, joined);
      if (where === 'front') joined.insertPage(index, copiedPage);
      else joined.addPage(copiedPage);
    });

    let lastKey = -1;
    for (const [key, value] of treeEntries(part.context, lookupDict(part.context, root?.get(name('ParentTree'))), 'Nums')) {
      if (!(key instanceof PDFNumber)) continue;
      lastKey = Math.max(lastKey, key.asNumber());
      this.parentTree.push(PDFNumber.of(key.asNumber() + nextKey), copier.copy(value));
    }
    const partNextKey = root?.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    this.nextKey += Math.max(partNextKey, lastKey + 1);

    for (const [key, value] of treeEntries(part.context, lookupDict(part.context, root?.get(name('IDTree'))), 'Names')) {
      const id = textOf(key);
      if (id !== undefined) this.ids.push([prefix + id, copier.copy(value)]);
    }

    const chain = copyOutline(part, copier, context);
    if (chain && where === 'front') this.outlineChains.unshift(chain);
    else if (chain) this.outlineChains.push(chain);
  }

  /** The joined document: one structure tree, one outline, the language and title set. */
  finish(): PDFDocument {
    const { joined, options, documentKids, ids, outlineChains } = this;
    const context = joined.context;
    context.lookup(this.documentRef, PDFDict).set(K, context.obj(documentKids));
    // A number tree's keys go up; parts added in front were numbered after the others.
    const entries: [number, PDFObject][] = [];
    for (let i = 0; i + 1 < this.parentTree.length; i += 2) entries.push([(this.parentTree[i] as PDFNumber).asNumber(), this.parentTree[i + 1]!]);
    entries.sort(([a], [b]) => a - b);
    ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    context.assign(this.rootRef, context.obj({
      Type: 'StructTreeRoot',
      K: this.documentRef,
      ParentTree: context.register(context.obj({ Nums: entries.flatMap(([key, value]) => [PDFNumber.of(key), value]) })),
      ParentTreeNextKey: this.nextKey,
      IDTree: context.register(context.obj({ Names: ids.flatMap(([id, value]) => [PDFString.of(id), value]) })),
      // Chromium writes PDF 2.0's Strong and Em in a PDF 1.4 file; mapped to 1.7's Span, older readers know them.
      RoleMap: { Strong: 'Span', Em: 'Span' },
    }));

    const catalog = joined.catalog;
    catalog.set(name('StructTreeRoot'), this.rootRef);
    catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
    catalog.set(name('Lang'), PDFString.of(options.lang));

    const outlineRef = context.nextRef();
    const top = options.nestUnderFirst ? nestUnderFirst(context, outlineRef, outlineChains) : linkChains(context, outlineRef, outlineChains);
    if (top) {
      context.assign(outlineRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }));
      catalog.set(name('Outlines'), outlineRef);
      catalog.set(name('PageMode'), name('UseOutlines'));
    }
    return joined;
  }
}

/** The first chain's first bookmark is the document's title: every other bookmark goes under it, open. */
function nestUnderFirst(context: PDFContext, outlineRef: PDFRef, chains: OutlineChain[]): OutlineChain | undefined {
  const [firstChain, ...rest] = chains;
  if (!firstChain) return undefined;
  const head = firstChain.first;
  const headDict = context.lookup(head, PDFDict);
  const ownFirst = headDict.get(name('First'));
  const own = ownFirst instanceof PDFRef
    ? [{ first: ownFirst, last: headDict.get(name('Last')) as PDFRef, visible: Math.abs(headDict.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0) }]
    : [];
  const siblings = firstChain.first === firstChain.last ? [] : [{ first: headDict.get(name('Next')) as PDFRef, last: firstChain.last, visible: firstChain.visible - 1 }];
  headDict.delete(name('Next'));
  const children = linkChains(context, head, [...own, ...siblings, ...rest]);
  if (children) {
    context.lookup(children.first, PDFDict).delete(name('Prev'));
    headDict.set(name('First'), children.first);
    headDict.set(name('Last'), children.last);
    headDict.set(name('Count'), PDFNumber.of(children.visible));
  }
  return linkChains(context, outlineRef, [{ first: head, last: head, visible: 1 + (children?.visible ?? 0) }]);
}
