/**
 * `npm run api-audit` (`-- --write` also puts the table into README.md): which Office.js APIs the add-in calls, the requirement set of each, and whether
 * every use above what manifest.xml declares is behind an `isSetSupported` guard.
 *
 * How it works (TypeScript compiler API over addin/ with addin/tsconfig.json):
 * 1. Map our narrow interfaces to the real API. addin/excel/ talks to Excel through the structural
 *    types of addin/excel/types.ts, so a use resolves to types.ts, not to @types/office-js. Starting
 *    from the pair (ExcelContext, Excel.RequestContext), every member of our type is looked up by name
 *    on the real type, and the walk recurses into (our member type, real member type) — a method's
 *    return types, an array's element types, intersections as a whole. Interfaces reached only under a
 *    guard, through a cast such as `(sheet as WorksheetLike & { pageLayout: PageLayoutLike }).pageLayout`,
 *    are learned at the use: the receiver maps to Excel.Worksheet, `pageLayout` is looked up there, and
 *    PageLayoutLike is walked against Excel.PageLayout (repeated until nothing new is learned).
 * 2. Every property access (and element access with a string literal, and destructuring) in addin/
 *    whose receiver maps to a real type, or whose symbol is declared in types.ts or in @types/office-js,
 *    is a use of the real member; its requirement set is read from the JSDoc of the real declaration
 *    (`[Api set: ExcelApi 1.9]`, or for Office common APIs `**Requirement set**: {@link … | DialogApi 1.1}`
 *    / `Not in a set`).
 * 3. A use is guarded when it lies where a condition is known true that reads a member of the
 *    `Features` interface (types.ts) or calls `isSetSupported` directly: then-branch of an `if`, after
 *    `if (!guard) return;`, right of `&&`, true branch of `?:`; or inside a function whose every call
 *    is so guarded; or on an object that only a guarded API gives (an Excel.PageLayout comes only from
 *    Worksheet.pageLayout, ExcelApi 1.9, itself audited). A Features member's version is read from `excelFeatures()` in addin/excel/port.ts
 *    (the `isSetSupported` call assigned to it), so `features.pageLayout` (ExcelApi 1.9) does not cover
 *    an ExcelApi 1.13 API.
 * A use needs no guard when its set's version is at most the manifest's minimum for that set, or, for a
 * set the manifest does not declare, at most the baseline every host with the manifest's ExcelApi has
 * (BASELINE below).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

/** One requirement: a set and the version that brought the API ("1.1" when the d.ts names no version). */
export interface Requirement {
  readonly set: string;
  readonly version: string;
}

export interface Guard {
  /** The condition as written: `features.pageLayout`, `isSetSupported("ExcelApi", "1.13")`. */
  readonly text: string;
  /** null when the guard's version could not be read (it then covers nothing). */
  readonly requirement: Requirement | null;
}

export interface Use {
  readonly file: string;
  readonly line: number;
  readonly guards: readonly Guard[];
  /** False: a breach (the API is above the manifest and no guard here covers it). */
  readonly covered: boolean;
}

export interface ApiRow {
  /** The real API, e.g. `Excel.Range.values`, `Office.UI.displayDialogAsync`. */
  readonly api: string;
  /** Empty: not in a requirement set (an Office common API every host has). */
  readonly requirements: readonly Requirement[];
  /** Where the set was read: the member's own JSDoc, its class's, a default or an override (see below). */
  readonly source: "member" | "type" | "default" | "override";
  /** Whether the manifest (or the baseline) does not cover it, so every use needs a guard. */
  readonly needsGuard: boolean;
  readonly uses: readonly Use[];
}

export interface Breach {
  readonly api: string;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** One of our members (types.ts or a cast's type literal) and the real member it stands for. */
export interface MemberMapping {
  /** `RangeLike.values`, `WorksheetLike & { pageLayout: PageLayoutLike }.pageLayout`. */
  readonly ours: string;
  readonly api: string;
  readonly requirements: readonly Requirement[];
}

export interface AuditResult {
  readonly rows: readonly ApiRow[];
  readonly breaches: readonly Breach[];
  readonly mapping: readonly MemberMapping[];
  /** The manifest's declared minimum per set. */
  readonly manifest: Readonly<Record<string, string>>;
}

/**
 * Sets the manifest does not declare, with the version every Excel that has ExcelApi 1.7 also has
 * (an assumption, stated in the README): Office 2019 and later, Microsoft 365, Excel on the web and
 * on Mac all have the dialog API 1.1, and add-in commands 1.1 (the ribbon button that loads
 * addin/commands/ exists only where AddinCommands 1.1 is supported).
 */
export const BASELINE: Readonly<Record<string, string>> = { DialogApi: "1.1", AddinCommands: "1.1" };

/**
 * Explicit overrides, where the d.ts note does not give the Excel answer. Kept minimal:
 * - Office.AddinCommands.Event.completed: the d.ts notes only Outlook's `Mailbox 1.3`; in Excel it is
 *   part of add-in commands (AddinCommands 1.1), which the ribbon's function command needs anyway.
 */
const OVERRIDES: Readonly<Record<string, readonly Requirement[]>> = {
  "Office.AddinCommands.Event.completed": [{ set: "AddinCommands", version: "1.1" }],
};

/** Sets of other Office applications (an Excel add-in never runs there): ignored in the notes. */
const OTHER_HOSTS = /^(Mailbox|Word|PowerPoint|OneNote|Outlook|Project|Visio)/;

const OFFICE_DTS = `${path.sep}@types${path.sep}office-js${path.sep}`;

// ————————————————————————————————————————————————————————— program

export interface AuditProgramOptions {
  /** Extra source files, path relative to root → text, added to the program in memory (tests). */
  readonly extraFiles?: Readonly<Record<string, string>>;
}

export interface AuditProgram {
  readonly root: string;
  readonly program: ts.Program;
  readonly extraFiles: readonly string[];
}

/** A ts.Program over addin/ with addin/tsconfig.json (plus any in-memory extra files). */
export function createAuditProgram(root: string, options: AuditProgramOptions = {}): AuditProgram {
  const configPath = path.join(root, "addin", "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const extra = new Map(Object.entries(options.extraFiles ?? {}).map(([rel, text]) => [path.resolve(root, rel), text]));
  const host = ts.createCompilerHost(parsed.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = extra.get(path.resolve(fileName));
    return text === undefined ? getSourceFile(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => extra.has(path.resolve(fileName)) || fileExists(fileName);
  host.readFile = (fileName) => extra.get(path.resolve(fileName)) ?? readFile(fileName);
  const program = ts.createProgram({ rootNames: [...parsed.fileNames, ...extra.keys()], options: parsed.options, host });
  return { root, program, extraFiles: [...extra.keys()] };
}

// ————————————————————————————————————————————————————————— requirement sets

function compareVersions(a: string, b: string): number {
  const num = (v: string) => v.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : Number.POSITIVE_INFINITY));
  const x = num(a);
  const y = num(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return Math.sign(d);
  }
  return 0;
}

/** The manifest's `<Set Name="ExcelApi" MinVersion="1.7"/>` (or the `DefaultMinVersion` of `<Sets>`). */
export function manifestSets(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml)?.[1] ?? "";
  const fallback = /<Sets[^>]*DefaultMinVersion="([^"]+)"/.exec(requirements)?.[1] ?? "1.1";
  for (const m of requirements.matchAll(/<Set\s+([^>]*?)\/?>/g)) {
    const name = /Name="([^"]+)"/.exec(m[1] ?? "")?.[1];
    if (name) out[name] = /MinVersion="([^"]+)"/.exec(m[1] ?? "")?.[1] ?? fallback;
  }
  return out;
}

/** The JSDoc comments written right above a declaration. */
function docOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  return ranges.map((r) => sf.text.slice(r.pos, r.end)).filter((c) => c.startsWith("/**")).join("\n");
}

/**
 * The requirement sets a JSDoc names, other applications' sets dropped. null: no note at all.
 * `[Api set: ExcelApi 1.9]`; `**Requirement set**: {@link … | DialogApi 1.1}` (several in a list: all
 * needed); `{@link … | Not in a set}` → []. A set named without a version ("DialogApi") is its 1.1.
 */
export function requirementsInDoc(text: string): Requirement[] | null {
  // Notes inside @param/@returns speak of a parameter ("[Api set: ExcelApi 1.1 / 1.3 …]"), not of the API.
  let inParam = false;
  const doc = text
    .split("\n")
    .filter((line) => {
      const tag = /@(\w+)/.exec(line.replace(/\{@link[^}]*\}/g, ""))?.[1];
      if (tag) inParam = /^(param|returns?|throws)$/.test(tag);
      return !inParam;
    })
    .join("\n");
  const found: Requirement[] = [];
  let noted = false;
  for (const m of doc.matchAll(/\[Api set:\s*([A-Za-z]+)\s+([^\]\s]+)[^\]]*\]/g)) {
    noted = true;
    found.push({ set: m[1] ?? "", version: m[2] ?? "" });
  }
  const header = /\*\*Requirement sets?\*\*:/.exec(doc);
  if (header) {
    const rest = doc.slice(header.index).split(/\n\s*\*\s*(?:@\w+|\*\*(?!Requirement)[^*]+\*\*)/)[0] ?? "";
    for (const m of rest.matchAll(/\{@link\s+[^|}]*\|\s*([^}]+?)\s*\}/g)) {
      const text = m[1] ?? "";
      if (/^not in a set$/i.test(text)) noted = true;
      const set = /^([A-Z][A-Za-z]+)(?:\s+(\d+(?:\.\d+)*))?$/.exec(text);
      if (set) {
        noted = true;
        found.push({ set: set[1] ?? "", version: set[2] ?? "1.1" });
      }
    }
  }
  if (!noted) return null;
  const seen = new Set<string>();
  return found.filter((r) => !OTHER_HOSTS.test(r.set) && !seen.has(`${r.set} ${r.version}`) && seen.add(`${r.set} ${r.version}`));
}

function label(requirements: readonly Requirement[]): string {
  return requirements.length ? requirements.map((r) => `${r.set} ${r.version}`).join(" + ") : "not in a set";
}

// ————————————————————————————————————————————————————————— the audit

interface RealType {
  readonly type: ts.Type;
  /** `Excel.Range` */
  readonly name: string;
}

interface RealMember {
  readonly api: string;
  readonly requirements: readonly Requirement[];
  readonly source: ApiRow["source"];
}

/** Audit the add-in's code: every file under addin/ (or those `include` accepts) of the program. */
export function auditApiSets(root: string, options: { readonly audit?: AuditProgram; readonly include?: (file: string) => boolean } = {}): AuditResult {
  const audit = options.audit ?? createAuditProgram(root);
  const { program } = audit;
  const checker = program.getTypeChecker();
  const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const addinDir = path.join(root, "addin") + path.sep;
  const typesFile = path.join(root, "addin", "excel", "types.ts");
  const portFile = path.join(root, "addin", "excel", "port.ts");
  const isOffice = (decl: ts.Node) => decl.getSourceFile().fileName.split("/").join(path.sep).includes(OFFICE_DTS);
  const isTypes = (decl: ts.Node) => path.resolve(decl.getSourceFile().fileName) === typesFile;
  const include = options.include ?? ((file: string) => !audit.extraFiles.includes(file));
  const sources = program.getSourceFiles().filter((sf) => path.resolve(sf.fileName).startsWith(addinDir) || audit.extraFiles.includes(path.resolve(sf.fileName)));
  const manifest = manifestSets(readFileSync(path.join(root, "manifest.xml"), "utf8"));

  const typesSource = program.getSourceFile(typesFile);
  if (!typesSource) throw new Error("addin/excel/types.ts is not in the program");
  const interfaceIn = (sf: ts.SourceFile, name: string) => sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  const ours = interfaceIn(typesSource, "ExcelContext");
  const featuresDecl = interfaceIn(typesSource, "Features");
  if (!ours || !featuresDecl) throw new Error("types.ts has no ExcelContext or Features interface");
  const realContext = findOfficeClass(program, checker, "Excel", "RequestContext");

  // ——— 1. our types → real types
  const realsOf = new Map<ts.Type, RealType[]>();
  const mapping = new Map<string, MemberMapping>();
  const typeName = (t: ts.Type) => checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType);
  const unwrap = (t: ts.Type): ts.Type => {
    let u = checker.getNonNullableType(t);
    const sig = u.getCallSignatures()[0];
    if (sig && !u.getProperties().length) u = checker.getNonNullableType(sig.getReturnType());
    for (let element; checker.isArrayType(u) && (element = checker.getTypeArguments(u as ts.TypeReference)[0]); ) u = checker.getNonNullableType(element);
    return u;
  };
  /** An object type or intersection with a declaration where `where` says (our code, or the d.ts). */
  const declaredIn = (t: ts.Type, where: (decl: ts.Node) => boolean): boolean => {
    if (t.flags & ts.TypeFlags.Intersection) return (t as ts.IntersectionType).types.some((c) => declaredIn(c, where));
    return (t.flags & ts.TypeFlags.Object) !== 0 && (t.symbol?.declarations ?? []).some(where);
  };
  const isAddin = (decl: ts.Node) => path.resolve(decl.getSourceFile().fileName).startsWith(addinDir) || audit.extraFiles.includes(path.resolve(decl.getSourceFile().fileName));

  const realMember = (owner: RealType, name: string): { symbol: ts.Symbol; member: RealMember } | null => {
    const symbol = checker.getPropertyOfType(owner.type, name);
    if (!symbol) return null;
    return { symbol, member: describe(symbol, owner.name, owner.type) };
  };

  /** The set of a real member: its own note, else its declaring class's, else the receiver's class's, else a default. */
  const describe = (symbol: ts.Symbol, ownerName: string, ownerType: ts.Type | null): RealMember => {
    const api = `${ownerName}.${symbol.name}`;
    const override = OVERRIDES[api];
    if (override) return { api, requirements: override, source: "override" };
    for (const decl of symbol.declarations ?? []) {
      const found = requirementsInDoc(docOf(decl));
      if (found) return { api, requirements: found, source: "member" };
    }
    const owners = [...(symbol.declarations ?? []).map((d) => d.parent), ...(ownerType?.symbol?.declarations ?? [])];
    for (const decl of owners) {
      const found = decl && (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) ? requirementsInDoc(docOf(decl)) : null;
      if (found) return { api, requirements: found, source: "type" };
    }
    // The d.ts leaves the ExcelApi 1.1 basics without a note (Excel.run, RequestContext.sync, load, isNullObject).
    if (ownerName === "Excel" || ownerName.startsWith("Excel.")) return { api, requirements: [{ set: "ExcelApi", version: "1.1" }], source: "default" };
    return { api, requirements: [], source: "default" };
  };

  const realName = (t: ts.Type, fallback: string) => (t.symbol && !t.symbol.name.startsWith("__") ? checker.getFullyQualifiedName(t.symbol) : fallback);

  /** How each real object is obtained: from which real object, through a member of which sets. */
  const edges: { readonly from: ts.Type | null; readonly to: ts.Type; readonly requirements: readonly Requirement[] }[] = [];
  let learned = 0;
  const learn = (ourType: ts.Type, real: RealType, from: ts.Type | null, requirements: readonly Requirement[]): void => {
    const t = unwrap(ourType);
    const r = unwrap(real.type);
    if (!declaredIn(t, isAddin) || !declaredIn(r, isOffice)) return;
    if (!edges.some((e) => e.from === from && e.to === r && e.requirements === requirements)) edges.push({ from, to: r, requirements });
    const known = realsOf.get(t) ?? [];
    if (known.some((k) => k.type === r)) return;
    const pair: RealType = { type: r, name: realName(r, real.name) };
    realsOf.set(t, [...known, pair]);
    learned++;
    for (const p of checker.getPropertiesOfType(t)) {
      const found = realMember(pair, p.name);
      const decl = p.declarations?.[0];
      if (!found || !decl) continue;
      const ownerText = decl.parent && ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name.text : typeName(t);
      const key = `${ownerText}.${p.name} → ${found.member.api}`;
      if (!mapping.has(key)) mapping.set(key, { ours: `${ownerText}.${p.name}`, api: found.member.api, requirements: found.member.requirements });
      learn(checker.getTypeOfSymbol(p), { type: checker.getTypeOfSymbol(found.symbol), name: found.member.api }, r, found.member.requirements);
    }
  };
  learn(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(ours.name)!), realContext, null, []);

  const realsOfType = (type: ts.Type): RealType[] => {
    const t = checker.getNonNullableType(type);
    const direct = realsOf.get(t);
    if (direct) return direct;
    if (t.flags & (ts.TypeFlags.Intersection | ts.TypeFlags.Union)) return [...new Set((t as ts.UnionOrIntersectionType).types.flatMap(realsOfType))];
    return [];
  };

  // ——— 2. the accesses: receiver, member name, node to report
  interface Access {
    readonly node: ts.Node;
    readonly receiver: ts.Type;
    readonly name: string;
    readonly symbol: ts.Symbol | undefined;
  }
  const accesses: Access[] = [];
  for (const sf of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        accesses.push({ node, receiver: checker.getTypeAtLocation(node.expression), name: node.name.text, symbol: checker.getSymbolAtLocation(node.name) });
      } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
        accesses.push({ node, receiver: checker.getTypeAtLocation(node.expression), name: node.argumentExpression.text, symbol: checker.getSymbolAtLocation(node.argumentExpression) });
      } else if (ts.isObjectBindingPattern(node)) {
        const receiver = checker.getTypeAtLocation(node);
        for (const el of node.elements) {
          const key = el.propertyName ?? el.name;
          if (el.dotDotDotToken || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) continue;
          accesses.push({ node: el, receiver, name: key.text, symbol: checker.getPropertyOfType(receiver, key.text) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  // Interfaces reached only through a cast: learn them at their access, until nothing new.
  for (let grew = true; grew; ) {
    const before = learned;
    for (const a of accesses) {
      for (const owner of realsOfType(a.receiver)) {
        const found = realMember(owner, a.name);
        if (found && a.symbol) learn(checker.getTypeOfSymbol(a.symbol), { type: checker.getTypeOfSymbol(found.symbol), name: found.member.api }, owner.type, found.member.requirements);
      }
    }
    grew = learned > before;
  }
  /**
   * What holding a real object proves: an Excel.PageLayout is only obtained through Worksheet.pageLayout
   * (ExcelApi 1.9), itself audited, so its members up to 1.9 need no second guard where the object is
   * kept and used later. Per set, the lowest version over every way the object is obtained (least fixpoint).
   */
  const implied = new Map<ts.Type, ReadonlyMap<string, string>>();
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (const to of new Set(edges.map((e) => e.to))) {
      const paths = edges
        .filter((x) => x.to === to)
        .map((e) => {
          const path = new Map(e.from ? (implied.get(e.from) ?? []) : []);
          for (const r of e.requirements) if (!path.has(r.set) || compareVersions(r.version, path.get(r.set)!) > 0) path.set(r.set, r.version);
          return path;
        });
      // Sets every path implies, at the lowest version among them.
      const next = new Map<string, string>();
      for (const [set, v] of paths[0] ?? []) {
        const all = paths.map((p) => p.get(set));
        if (all.every((x) => x !== undefined)) next.set(set, all.reduce((a, b) => (compareVersions(a!, b!) <= 0 ? a : b), v)!);
      }
      const before = implied.get(to);
      if (!before || before.size !== next.size || [...next].some(([set, v]) => before.get(set) !== v)) {
        implied.set(to, next);
        changed = true;
      }
    }
  }
  /** The guard the receiver itself stands for, when every real object it may be implies `r`. */
  const receiverGuard = (owners: readonly RealType[], r: Requirement): Guard | null => {
    if (!owners.length) return null;
    const versions = owners.map((o) => implied.get(o.type)?.get(r.set));
    if (versions.some((v) => v === undefined || compareVersions(v, r.version) < 0)) return null;
    const lowest = versions.reduce((a, b) => (compareVersions(a!, b!) <= 0 ? a : b))!;
    return { text: `an ${owners.map((o) => o.name).join(" | ")} object`, requirement: { set: r.set, version: lowest } };
  };

  // ——— 3. guards
  const featureVersions = readFeatureVersions(program, checker, portFile, featuresDecl);
  const isSetSupportedCall = (node: ts.Node): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
    const symbol = checker.getSymbolAtLocation(callee);
    return symbol?.name === "isSetSupported" && (symbol.declarations ?? []).some(isOffice);
  };
  const atomGuard = (e: ts.Expression): Guard | null => {
    if (ts.isPropertyAccessExpression(e)) {
      const decl = checker.getSymbolAtLocation(e.name)?.declarations?.[0];
      if (decl && decl.parent === featuresDecl) return { text: e.getText(), requirement: featureVersions.get(e.name.text) ?? null };
    }
    if (isSetSupportedCall(e)) {
      const [set, version] = e.arguments;
      const requirement = set && ts.isStringLiteralLike(set) && (!version || ts.isStringLiteralLike(version)) ? { set: set.text, version: version?.text ?? "1.1" } : null;
      return { text: e.getText().replace(/^.*\.(?=isSetSupported)/, ""), requirement };
    }
    return null;
  };
  /** Guards known to hold when `e` evaluates to `value`. */
  const guardsWhen = (e: ts.Expression, value: boolean): Guard[] => {
    if (ts.isParenthesizedExpression(e)) return guardsWhen(e.expression, value);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return guardsWhen(e.operand, !value);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if ((op === ts.SyntaxKind.AmpersandAmpersandToken && value) || (op === ts.SyntaxKind.BarBarToken && !value)) return [...guardsWhen(e.left, value), ...guardsWhen(e.right, value)];
      return [];
    }
    const atom = value ? atomGuard(e) : null;
    return atom ? [atom] : [];
  };
  const exits = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s) || ts.isBreakStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]!));

  /** Guards holding at `node` by the code around it (through callbacks), and the named functions it sits in. */
  const lexicalGuards = (node: ts.Node): { guards: Guard[]; fns: ts.SignatureDeclaration[] } => {
    const guards: Guard[] = [];
    const fns: ts.SignatureDeclaration[] = [];
    let child = node;
    for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) guards.push(...guardsWhen(parent.expression, child === parent.thenStatement));
      else if (ts.isConditionalExpression(parent) && child !== parent.condition) guards.push(...guardsWhen(parent.condition, child === parent.whenTrue));
      else if (ts.isBinaryExpression(parent) && child === parent.right && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) guards.push(...guardsWhen(parent.left, true));
      else if (ts.isBinaryExpression(parent) && child === parent.right && parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) guards.push(...guardsWhen(parent.left, false));
      if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
        for (const s of parent.statements) {
          if (s === child) break;
          if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) guards.push(...guardsWhen(s.expression, false));
        }
      }
      if (ts.isFunctionLike(parent)) fns.push(parent);
    }
    return { guards, fns };
  };
  // Calls of the add-in's functions, to carry a guard at every call site into the function.
  const references = new Map<ts.Symbol, ts.Identifier[]>();
  for (const sf of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        if (symbol) references.set(symbol, [...(references.get(symbol) ?? []), node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const functionSymbol = (fn: ts.SignatureDeclaration): ts.Symbol | undefined => {
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return checker.getSymbolAtLocation(fn.name);
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return checker.getSymbolAtLocation(fn.parent.name);
    return undefined;
  };
  /** Guards at `node`: around it, plus those common to every call of a named function it sits in. */
  const guardsAt = (node: ts.Node, seen: ReadonlySet<ts.Node> = new Set()): Guard[] => {
    const { guards, fns } = lexicalGuards(node);
    for (const fn of fns) {
      const symbol = seen.has(fn) ? undefined : functionSymbol(fn);
      if (!symbol) continue;
      const name = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
      const calls = (references.get(symbol) ?? []).filter((id) => id !== name);
      // Referenced other than by a direct call (passed as a value…) or never: no guard known from outside.
      if (!calls.length || calls.some((id) => !(ts.isCallExpression(id.parent) && id.parent.expression === id))) continue;
      const next = new Set(seen).add(fn);
      const perCall = calls.map((id) => guardsAt(id.parent, next));
      guards.push(...(perCall[0] ?? []).filter((g) => perCall.every((gs) => gs.some((h) => h.text === g.text)) && !guards.some((h) => h.text === g.text)));
    }
    return guards;
  };

  // ——— 4. the uses
  const rows = new Map<string, { member: RealMember; uses: Use[] }>();
  const breaches: Breach[] = [];
  const baseline = (set: string) => manifest[set] ?? BASELINE[set];
  const covered = (r: Requirement) => {
    const min = baseline(r.set);
    return min !== undefined && compareVersions(r.version, min) <= 0;
  };
  for (const a of accesses) {
    const file = path.resolve(a.node.getSourceFile().fileName);
    if (!include(file)) continue;
    const declared = a.symbol?.declarations ?? [];
    let members: RealMember[] = [];
    const owners = realsOfType(a.receiver);
    if (owners.length) {
      members = owners.flatMap((o) => realMember(o, a.name)?.member ?? []);
      if (!members.length) {
        breaches.push({ api: `${owners.map((o) => o.name).join(" | ")}.${a.name}`, file: rel(file), line: lineOf(a.node), reason: `no member "${a.name}" on ${owners.map((o) => o.name).join(" | ")}` });
        continue;
      }
    } else if (a.symbol && declared.some(isOffice)) {
      members = [describeOffice(a, checker, describe)];
    } else if (declared.some(isTypes) && !(declared[0]?.parent === featuresDecl)) {
      breaches.push({ api: a.name, file: rel(file), line: lineOf(a.node), reason: `"${a.name}" (addin/excel/types.ts) is used on a type not mapped to the real API` });
      continue;
    } else continue;
    const lexical = guardsAt(a.node);
    for (const member of members) {
      const row = rows.get(member.api) ?? { member, uses: [] };
      rows.set(member.api, row);
      const guards = [...lexical];
      let ok = true;
      for (const r of member.requirements) {
        if (covered(r)) continue;
        const holds = (g: Guard) => g.requirement !== null && g.requirement.set === r.set && compareVersions(g.requirement.version, r.version) >= 0;
        const byReceiver = guards.some(holds) ? null : receiverGuard(owners, r);
        if (byReceiver) guards.push(byReceiver);
        if (!guards.some(holds)) {
          ok = false;
          const held = guards.length ? `under ${guards.map(guardLabel).join(", ")} only` : "without an isSetSupported guard";
          breaches.push({ api: member.api, file: rel(file), line: lineOf(a.node), reason: `${member.api} needs ${r.set} ${r.version} (manifest: ${baseline(r.set) ? `${r.set} ${baseline(r.set)}` : `no ${r.set}`}), used ${held}` });
        }
      }
      row.uses.push({ file: rel(file), line: lineOf(a.node), guards, covered: ok });
    }
  }

  const result: ApiRow[] = [...rows.values()].map(({ member, uses }) => ({
    api: member.api,
    requirements: member.requirements,
    source: member.source,
    needsGuard: !member.requirements.every(covered),
    uses: uses.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line),
  }));
  result.sort(compareRows);
  return { rows: result, breaches, mapping: [...mapping.values()].sort((a, b) => a.ours.localeCompare(b.ours) || a.api.localeCompare(b.api)), manifest };
}

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function guardLabel(g: Guard): string {
  return g.requirement ? `${g.text} (${g.requirement.set} ${g.requirement.version})` : `${g.text} (version unknown)`;
}

/** By set (ExcelApi first, then other sets, then "not in a set"), version, then name. */
function compareRows(a: ApiRow, b: ApiRow): number {
  const key = (r: ApiRow) => r.requirements[0];
  const x = key(a);
  const y = key(b);
  const family = (r: Requirement | undefined) => (!r ? 2 : r.set === "ExcelApi" ? 0 : 1);
  return family(x) - family(y) || (x && y ? x.set.localeCompare(y.set) || compareVersions(x.version, y.version) : 0) || a.api.localeCompare(b.api);
}

/** An access whose symbol @types/office-js declares directly (Office.context.ui, Excel.run, event.completed). */
function describeOffice(a: { receiver: ts.Type; name: string; symbol: ts.Symbol | undefined; node: ts.Node }, checker: ts.TypeChecker, describe: (s: ts.Symbol, owner: string, ownerType: ts.Type | null) => RealMember): RealMember {
  const symbol = a.symbol!;
  const receiver = checker.getNonNullableType(a.receiver);
  const owner = receiver.symbol;
  if (owner && !owner.name.startsWith("__")) return describe(symbol, checker.getFullyQualifiedName(owner), receiver);
  // A member of an anonymous type literal (Office.onReady's `info`): named after the declaration holding it.
  let holder: ts.Node | undefined = symbol.declarations?.[0]?.parent;
  while (holder && !(ts.isFunctionDeclaration(holder) || ts.isMethodSignature(holder) || ts.isMethodDeclaration(holder) || ts.isPropertySignature(holder) || ts.isInterfaceDeclaration(holder) || ts.isClassDeclaration(holder))) holder = holder.parent;
  const holderName = holder && "name" in holder && holder.name ? checker.getSymbolAtLocation(holder.name as ts.Node) : undefined;
  return describe(symbol, holderName ? `${checker.getFullyQualifiedName(holderName)}(…)` : "Office", null);
}

/** `class Excel.RequestContext` of @types/office-js, as a type. */
function findOfficeClass(program: ts.Program, checker: ts.TypeChecker, namespace: string, name: string): RealType {
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.split("/").join(path.sep).includes(OFFICE_DTS)) continue;
    for (const s of sf.statements) {
      if (!ts.isModuleDeclaration(s) || s.name.text !== namespace || !s.body || !ts.isModuleBlock(s.body)) continue;
      const cls = s.body.statements.find((c): c is ts.ClassDeclaration => ts.isClassDeclaration(c) && c.name?.text === name);
      if (cls?.name) return { type: checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(cls.name)!), name: `${namespace}.${name}` };
    }
  }
  throw new Error(`@types/office-js has no ${namespace}.${name}`);
}

/**
 * Each member of `Features` → the set and version `excelFeatures()` (addin/excel/port.ts) asks for it:
 * `pageLayout: api("1.9")` with `const api = (v) => Office.context.requirements.isSetSupported("ExcelApi", v)`,
 * or `isSetSupported("ExcelApi", "1.9")` written out.
 */
function readFeatureVersions(program: ts.Program, checker: ts.TypeChecker, portFile: string, features: ts.InterfaceDeclaration): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  const port = program.getSourceFile(portFile);
  const fn = port?.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === "excelFeatures");
  if (!fn?.body) return out;
  const memberNames = new Set(features.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : [])));
  /** The (set, version) of an isSetSupported call, `args` binding the parameters of a helper it sits in. */
  const fromCall = (call: ts.CallExpression, args: Map<ts.Symbol, ts.Expression>): Requirement | null => {
    const literal = (e: ts.Expression | undefined): string | null => {
      if (!e) return null;
      if (ts.isStringLiteralLike(e)) return e.text;
      const s = ts.isIdentifier(e) ? checker.getSymbolAtLocation(e) : undefined;
      const bound = s ? args.get(s) : undefined;
      return bound && ts.isStringLiteralLike(bound) ? bound.text : null;
    };
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    if (ts.isIdentifier(callee) && callee.text === "isSetSupported") {
      const set = literal(call.arguments[0]);
      const version = call.arguments[1] ? literal(call.arguments[1]) : "1.1";
      return set && version ? { set, version } : null;
    }
    // A local helper: const api = (v: string) => …isSetSupported("ExcelApi", v)
    const decl = ts.isIdentifier(call.expression) ? checker.getSymbolAtLocation(call.expression)?.valueDeclaration : undefined;
    const helper = decl && ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer)) ? decl.initializer : decl && ts.isFunctionDeclaration(decl) ? decl : undefined;
    if (!helper?.body) return null;
    const bound = new Map(args);
    helper.parameters.forEach((p, i) => {
      const s = checker.getSymbolAtLocation(p.name);
      const arg = call.arguments[i];
      if (s && arg) bound.set(s, arg);
    });
    let found: Requirement | null = null;
    const visit = (n: ts.Node): void => {
      if (!found && ts.isCallExpression(n)) found = fromCall(n, bound);
      if (!found) ts.forEachChild(n, visit);
    };
    visit(helper.body);
    return found;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && memberNames.has(n.name.text) && ts.isCallExpression(n.initializer)) {
      const r = fromCall(n.initializer, new Map());
      if (r) out.set(n.name.text, r);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return out;
}

// ————————————————————————————————————————————————————————— the table

const ESCAPE = (s: string) => s.replace(/\|/g, "\\|");

/** The markdown table the README carries between `<!-- api-sets:start -->` and `<!-- api-sets:end -->`. */
export function apiSetTable(result: AuditResult, shown = 3): string {
  const lines = [
    `Manifest: ${Object.entries(result.manifest).map(([s, v]) => `${s} ${v}`).join(", ")}; assumed with it: ${Object.entries(BASELINE).map(([s, v]) => `${s} ${v}`).join(", ")}.`,
    "",
    "| API | requirement set | where used (addin/…) | guard |",
    "|---|---|---|---|",
  ];
  for (const row of result.rows) {
    const set = label(row.requirements) + (row.source === "member" ? "" : row.source === "type" ? " ¹" : row.source === "default" ? (row.requirements.length ? " ²" : "") : " ³");
    // Files, not lines: the table stays current through edits that only move code (breaches are reported with their lines).
    const places = [...new Set(row.uses.map((u) => u.file.replace(/^addin\//, "")))];
    const where = places.slice(0, shown).join(", ") + (places.length > shown ? ` (+${places.length - shown})` : "");
    const guards = row.needsGuard ? [...new Set(row.uses.map((u) => (u.covered ? "" : "**not covered**: ") + (u.guards.length ? u.guards.map(guardLabel).join(" && ") : "none")))].join("; ") : "—";
    lines.push(`| \`${row.api}\` | ${set} | ${ESCAPE(where)} | ${ESCAPE(guards)} |`);
  }
  lines.push(
    "",
    "¹ set noted on the API's class, not on the member; ² no note in @types/office-js: an ExcelApi 1.1 basic; ³ explicit override in scripts/api-audit.ts.",
  );
  return lines.join("\n");
}

export const README_START = "<!-- api-sets:start -->";
export const README_END = "<!-- api-sets:end -->";

/** The text between the README's markers (null when they are missing). */
export function readmeTable(readme: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  return start < 0 || end < start ? null : readme.slice(start + README_START.length, end).trim();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.join(import.meta.dirname, "..");
  const result = auditApiSets(root);
  const table = apiSetTable(result);
  console.log(table);
  if (process.argv.includes("--write")) {
    // `npm run api-audit -- --write`: put the table into the README between its markers.
    const file = path.join(root, "README.md");
    const readme = readFileSync(file, "utf8");
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END}`);
    writeFileSync(file, `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`);
    console.error("README.md: table written.");
  }
  if (result.breaches.length) {
    console.error(`\n${result.breaches.length} use(s) above the manifest's sets without a guard:`);
    for (const b of result.breaches) console.error(`  ${b.file}:${b.line}  ${b.reason}`);
    process.exitCode = 1;
  }
}
