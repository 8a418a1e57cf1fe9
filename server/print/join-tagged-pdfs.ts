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

/** Gives every structure element ID in the part a prefix, and every Headers list that names one. Done on the part before copying. */
function prefixElementIds(part: PDFDocument, prefix: string): void {
  const renamed = (value: PDFObject) => {
    const text = textOf(value);
    return text === undefined ? value : PDFString.of(prefix + text);
  };
  for (const [, object] of part.context.enumerateIndirectObjects()) {
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

/** One PDF made of the parts in order, keeping their tags, bookmarks and links. */
export async function joinTaggedPdfs(parts: PDFDocument[], options: JoinOptions): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const context = joined.context;
  joined.setTitle(options.title, { showInWindowTitleBar: true });
  const rootRef = context.nextRef();
  const documentRef = context.register(context.obj({ Type: 'StructElem', S: 'Document', Lang: PDFString.of(options.lang), P: rootRef, K: [] }));
  const documentKids: PDFObject[] = [];
  const parentTree: PDFObject[] = [];
  const ids: [string, PDFObject][] = [];
  const outlineChains: OutlineChain[] = [];
  let nextKey = 0;

  for (const [index, part] of parts.entries()) {
    const prefix = `p${String(index).padStart(4, '0')}-`;
    prefixElementIds(part, prefix);
    const copier = PDFObjectCopier.for(part.context, context);
    const root = lookupDict(part.context, part.catalog.get(name('StructTreeRoot')));

    // The part's top elements lose their parent (the part's root) before copying, so the root is not copied with them.
    for (const top of refsOf(root?.get(K))) {
      lookupDict(part.context, top)?.delete(P);
      const copied = copier.copy(top);
      lookupDict(context, copied)?.set(P, documentRef);
      const element = lookupDict(context, copied);
      if (element?.get(name('S')) === name('Document')) element.set(name('S'), name('Part'));
      documentKids.push(copied);
    }

    for (const pageRef of part.getPages().map((page) => page.ref)) {
      const copiedRef = copier.copy(pageRef);
      const leaf = context.lookup(copiedRef);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('A copied page is not a page.');
      const key = leaf.lookupMaybe(name('StructParents'), PDFNumber);
      if (key) leaf.set(name('StructParents'), PDFNumber.of(key.asNumber() + nextKey));
      for (const annotation of leaf.lookupMaybe(name('Annots'), PDFArray)?.asArray() ?? []) {
        const dict = lookupDict(context, annotation);
        const annotationKey = dict?.lookupMaybe(name('StructParent'), PDFNumber);
        if (dict && annotationKey) dict.set(name('StructParent'), PDFNumber.of(annotationKey.asNumber() + nextKey));
      }
      joined.addPage(PDFPage.of(leaf, copiedRef, joined));
    }

    let lastKey = -1;
    for (const [key, value] of treeEntries(part.context, lookupDict(part.context, root?.get(name('ParentTree'))), 'Nums')) {
      if (!(key instanceof PDFNumber)) continue;
      lastKey = Math.max(lastKey, key.asNumber());
      parentTree.push(PDFNumber.of(key.asNumber() + nextKey), copier.copy(value));
    }
    const partNextKey = root?.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    nextKey += Math.max(partNextKey, lastKey + 1);

    for (const [key, value] of treeEntries(part.context, lookupDict(part.context, root?.get(name('IDTree'))), 'Names')) {
      const id = textOf(key);
      if (id !== undefined) ids.push([prefix + id, copier.copy(value)]);
    }

    const chain = copyOutline(part, copier, context);
    if (chain) outlineChains.push(chain);
  }

  context.lookup(documentRef, PDFDict).set(K, context.obj(documentKids));
  ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  context.assign(rootRef, context.obj({
    Type: 'StructTreeRoot',
    K: documentRef,
    ParentTree: context.register(context.obj({ Nums: parentTree })),
    ParentTreeNextKey: nextKey,
    IDTree: context.register(context.obj({ Names: ids.flatMap(([id, value]) => [PDFString.of(id), value]) })),
    // Chromium writes PDF 2.0's Strong and Em in a PDF 1.4 file; mapped to 1.7's Span, older readers know them.
    RoleMap: { Strong: 'Span', Em: 'Span' },
  }));

  const catalog = joined.catalog;
  catalog.set(name('StructTreeRoot'), rootRef);
  catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  catalog.set(name('Lang'), PDFString.of(options.lang));

  const outlineRef = context.nextRef();
  let top: OutlineChain | undefined;
  if (options.nestUnderFirst && outlineChains.length > 0) {
    // The first part's first bookmark is the document's title: every other bookmark goes under it, open.
    const [firstChain, ...rest] = outlineChains;
    const head = firstChain!.first;
    const headDict = context.lookup(head, PDFDict);
    const own = headDict.get(name('First')) instanceof PDFRef
      ? [{ first: headDict.get(name('First')) as PDFRef, last: headDict.get(name('Last')) as PDFRef, visible: Math.abs(headDict.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0) }]
      : [];
    const siblings = firstChain!.first === firstChain!.last ? [] : [{ first: headDict.get(name('Next')) as PDFRef, last: firstChain!.last, visible: firstChain!.visible - 1 }];
    headDict.delete(name('Next'));
    const children = linkChains(context, head, [...own, ...siblings, ...rest]);
    if (children) {
      context.lookup(children.first, PDFDict).delete(name('Prev'));
      headDict.set(name('First'), children.first);
      headDict.set(name('Last'), children.last);
      headDict.set(name('Count'), PDFNumber.of(children.visible));
    }
    top = linkChains(context, outlineRef, [{ first: head, last: head, visible: 1 + (children?.visible ?? 0) }]);
  } else {
    top = linkChains(context, outlineRef, outlineChains);
  }
  if (top) {
    context.assign(outlineRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }));
    catalog.set(name('Outlines'), outlineRef);
    catalog.set(name('PageMode'), name('UseOutlines'));
  }
  return joined;
}
