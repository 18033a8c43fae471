import { XMLParser } from 'fast-xml-parser'

/** One parsed XML element: child arrays by name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { [key: string]: unknown }

// Every element becomes an array and every text a '#text' string, so one walker reads all versions.
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
})

/** Parses well-formed XML (the caller validated it) into the uniform tree the readers walk. */
export function parseXmlTree(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode
}

/** The children of `node` named `name` (none when absent). */
export const kids = (node: XmlNode | undefined, name: string): XmlNode[] =>
  (node?.[name] as XmlNode[] | undefined) ?? []

/** The first descendant along `names`. */
export const kid = (node: XmlNode | undefined, ...names: string[]): XmlNode | undefined =>
  names.reduce<XmlNode | undefined>((n, name) => kids(n, name)[0], node)

/** The trimmed text of the first descendant along `names`; empty text counts as absent. */
export const text = (node: XmlNode | undefined, ...names: string[]): string | undefined => {
  const value = kid(node, ...names)?.['#text']
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? undefined : trimmed
}

/** Drops a namespace prefix (`<camt:Ntry>`) from every element name, so one walker reads both forms. */
export function stripPrefix(node: XmlNode | undefined, prefix: string): XmlNode | undefined {
  if (!prefix || !node) return node
  const out: XmlNode = {}
  for (const [key, value] of Object.entries(node)) {
    const name = key.startsWith(`${prefix}:`) ? key.slice(prefix.length + 1) : key
    out[name] = Array.isArray(value) ? value.map((v) => stripPrefix(v as XmlNode, prefix)) : value
  }
  return out
}
