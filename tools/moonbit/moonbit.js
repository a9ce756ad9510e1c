#!/usr/bin/env node
// witbind's MoonBit toolchain step.
//
// The `moon` CLI cannot be installed on every machine, but the compiler is published on npm as
// JavaScript (`@moonbit/moonc-worker`, moonc built with js_of_ocaml for a browser Web Worker) and the
// standard library sources ship inside `@moonbit/moonpad-monaco`. This program:
//
//   setup                 installs the pinned packages (package.json / package-lock.json next to this
//                         file) into the cache, extracts moonbitlang/core and compiles it for `wasm`
//                         once (a few minutes); later calls find everything cached.
//   check [--deny-warnings] DIR
//                         type-checks every moon.pkg.json package of the module in DIR; warnings
//                         (also those of packages found in the cache) fail it with the flag.
//   build [--wat] DIR -o OUT
//                         compiles and links the module's linked package (the one with a `link.wasm`
//                         section or "is-main") to a core wasm OUT whose memory is exported as "memory".
//
// Cache: $WITBIND_MOONBIT_HOME, or $HOME/.cache/witbind/moonbit. Parallelism: $WITBIND_MOONBIT_JOBS.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const childProcess = require("child_process");
const { Worker, isMainThread, parentPort, workerData } = require("worker_threads");

const TARGET = "wasm";
const CORE_PREFIX = "moonbitlang/core";
// Stands for a package's directory in cached diagnostics.
const PACKAGE_DIR = "\u0000package-dir\u0000";

// ------------------------------------------------------------------------------------------------
// One compiler call per thread. moonc-worker.js exposes its API comlink-style: it installs a
// "message" listener on globalThis and answers through globalThis.postMessage. The compiler keeps
// global state (diagnostics accumulate), so every call gets a fresh thread.
if (!isMainThread) {
  runCompilerCall(workerData).then(
    (r) => parentPort.postMessage({ ok: true, r }),
    (e) => parentPort.postMessage({ ok: false, err: String((e && e.stack) || e) }),
  );
  return;
}

async function runCompilerCall({ workerJs, cacheDir, fn, params, warnList }) {
  // The compiler prints diagnostics itself as well; we report the structured ones, so silence it.
  const writeSync = fs.writeSync;
  fs.writeSync = (fd, buf, ...rest) => {
    if (fd === 1 || fd === 2) return typeof buf === "string" ? Buffer.byteLength(buf) : rest[1] ?? buf.length;
    return writeSync(fd, buf, ...rest);
  };
  console.log = console.error = console.warn = console.info = () => {};
  let source = fs.readFileSync(workerJs, "utf8");
  if (warnList) {
    // The worker API has no warn-list parameter: extend the compiler's built-in default warning spec.
    if (!/^[-+@a-z_0-9]*$/.test(warnList)) throw new Error(`invalid warn-list ${JSON.stringify(warnList)}`);
    const spec = /"\+a-31[-+@a-z_0-9]*"/;
    if (!spec.test(source)) throw new Error(`no default warning spec found in ${workerJs}`);
    source = source.replace(spec, (m) => `${m.slice(0, -1)}${warnList}"`);
  }
  let onMessage = null;
  let reply = null;
  globalThis.addEventListener = (type, h) => {
    if (type === "message") onMessage = h;
  };
  globalThis.removeEventListener = () => {};
  globalThis.postMessage = (msg) => reply && reply(msg);
  // Compiling the 4.6 MB compiler is most of a call's cost: keep V8's code cache next to it.
  const vm = require("vm");
  const wrapped = `(function (require, module, exports, __filename, __dirname) {${source}\n})`;
  const tag = `${process.version}-${warnList || "default"}`.replace(/[^-\w.]/g, "_");
  const cacheFile = path.join(cacheDir, `moonc-worker-${tag}.v8cache`);
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(wrapped, { filename: workerJs, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(require, module, module.exports, workerJs, path.dirname(workerJs));
  if (!cachedData || script.cachedDataRejected) {
    try {
      writeAtomically(cacheFile, script.createCachedData());
    } catch {
      // Only a speed-up.
    }
  }
  if (!onMessage) throw new Error(`${workerJs} registered no message handler`);
  return new Promise((resolve, reject) => {
    reply = (msg) => {
      if (msg.type === "RAW") resolve(msg.value);
      else if (msg.type === "HANDLER" && msg.name === "throw") reject(new Error(JSON.stringify(msg.value && msg.value.value)));
      else reject(new Error(`unexpected reply from the compiler: ${JSON.stringify(msg).slice(0, 200)}`));
    };
    onMessage({ data: { id: "1", type: "APPLY", path: [fn], argumentList: [{ type: "RAW", value: params }] } });
  });
}

function compilerCall(tc, fn, params, warnList) {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, {
      workerData: { workerJs: tc.workerJs, cacheDir: tc.npmDir, fn, params, warnList },
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    let settled = false;
    w.once("message", (m) => {
      settled = true;
      if (m.ok) resolve(m.r);
      else reject(new Error(m.err));
      w.terminate();
    });
    w.once("error", (e) => settled || ((settled = true), reject(e)));
    w.once("exit", (code) => settled || ((settled = true), reject(new Error(`compiler thread exited with ${code}`))));
  });
}

// ------------------------------------------------------------------------------------------------
// Helpers

class UserError extends Error {}
const fail = (msg) => {
  throw new UserError(msg);
};
const log = (msg) => process.stderr.write(`[witbind-moonbit] ${msg}\n`);

function jobs() {
  return Number(process.env.WITBIND_MOONBIT_JOBS) || Math.max(1, os.cpus().length);
}

// Runs `tasks` (name -> {deps, run}) in dependency order, at most `limit` at a time.
async function inDependencyOrder(tasks, limit) {
  const done = new Set();
  const started = new Set();
  let running = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (done.size === tasks.size) return resolve();
      for (const [name, task] of tasks) {
        if (running >= limit) break;
        if (started.has(name) || !task.deps.every((d) => !tasks.has(d) || done.has(d))) continue;
        started.add(name);
        running++;
        task.run().then(
          () => {
            running--;
            done.add(name);
            pump();
          },
          (e) => {
            failed = true;
            reject(e);
          },
        );
      }
      if (running === 0 && done.size < tasks.size) {
        failed = true;
        reject(new UserError(`dependency cycle among: ${[...tasks.keys()].filter((n) => !done.has(n)).join(", ")}`));
      }
    };
    pump();
  });
}

// Diagnostics come as JSON lines; prints them as `file:line:col: level [Ennnn] message` (only the
// errors when `quiet`) and returns them parsed (lines that are not JSON are printed as they are).
function report(diagnostics, { quiet } = {}) {
  const found = [];
  const seen = new Set();
  for (const chunk of diagnostics || []) {
    for (const line of String(chunk).split("\n")) {
      if (!line.trim() || seen.has(line)) continue;
      seen.add(line);
      let d;
      try {
        d = JSON.parse(line);
      } catch {
        process.stderr.write(`${line}\n`);
        continue;
      }
      found.push(d);
      if (d.level !== "error" && quiet) continue;
      printDiagnostic(d);
    }
  }
  return found;
}

function printDiagnostic(d) {
  process.stderr.write(`${d.path}:${d.loc}: ${d.level} [E${String(d.error_code).padStart(4, "0")}] ${d.message}\n`);
}

const errorsIn = (diagnostics) => diagnostics.filter((d) => d.level === "error").length;

function cacheKey(tc, check, name, warnList, params) {
  const h = require("crypto").createHash("sha256");
  const add = (x) => {
    const b = typeof x === "string" ? Buffer.from(x) : Buffer.from(x);
    h.update(String(b.length));
    h.update(":");
    h.update(b);
  };
  [tc.worker, tc.moonpad, TARGET, check ? "check" : "build", name, warnList, String(params.isMain)].forEach(add);
  for (const [f, text] of params.mbtFiles) [f, text].forEach(add);
  for (const [f, mi] of [...params.miFiles, ...params.indirectImportMiFiles]) {
    add(f.replace(/^.*\/_build\//, "").replace(/^.*\//, ""));
    add(mi);
  }
  // Source paths only show in diagnostics of a check; a build may embed them.
  if (!check) add(params.pkgSources.join(","));
  return h.digest("hex").slice(0, 32);
}

function writeAtomically(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

// ------------------------------------------------------------------------------------------------
// Setup: npm packages, core sources, core compiled for wasm.

function toolchainPaths() {
  const home = process.env.WITBIND_MOONBIT_HOME || path.join(os.homedir(), ".cache", "witbind", "moonbit");
  const lock = JSON.parse(fs.readFileSync(path.join(__dirname, "package-lock.json"), "utf8"));
  const version = (name) => lock.packages[`node_modules/${name}`].version;
  const worker = version("@moonbit/moonc-worker");
  const moonpad = version("@moonbit/moonpad-monaco");
  const npmDir = path.join(home, `npm-${worker}-${moonpad}`);
  const modules = path.join(npmDir, "node_modules", "@moonbit");
  return {
    home,
    npmDir,
    worker,
    moonpad,
    workerJs: path.join(modules, "moonc-worker", "moonc-worker.js"),
    moonpadJs: path.join(modules, "moonpad-monaco", "dist", "moonpad-monaco.js"),
    coreSrc: path.join(home, `core-src-${moonpad}`),
    coreLib: path.join(home, `core-${worker}-${moonpad}-${TARGET}`),
  };
}

async function setup() {
  const tc = toolchainPaths();
  const t0 = Date.now();
  let did = false;
  if (!fs.existsSync(tc.workerJs) || !fs.existsSync(tc.moonpadJs)) {
    did = true;
    log(`installing @moonbit/moonc-worker@${tc.worker} and @moonbit/moonpad-monaco@${tc.moonpad} into ${tc.npmDir}`);
    fs.mkdirSync(tc.npmDir, { recursive: true });
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(__dirname, f), path.join(tc.npmDir, f));
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = childProcess.spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
      cwd: tc.npmDir,
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (r.error) fail(`cannot run npm (${r.error.message}); install Node.js >= 18 and npm`);
    if (r.status !== 0) fail(`npm ci failed in ${tc.npmDir} (exit ${r.status})`);
    if (!fs.existsSync(tc.workerJs)) fail(`${tc.workerJs} missing after npm ci (package layout changed?)`);
  }
  if (!fs.existsSync(path.join(tc.coreSrc, "_build", "packages.json"))) {
    did = true;
    log("extracting moonbitlang/core sources");
    extractCore(tc);
  }
  if (!fs.existsSync(path.join(tc.coreLib, "index.json"))) {
    did = true;
    log(`compiling moonbitlang/core for ${TARGET} (once; a few minutes)`);
    await buildCore(tc);
  }
  if (did) log(`toolchain ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return tc;
}

// moonpad-monaco embeds each core file as `NAME = d("<base64>")` and maps it with
// `i["/lib/core/<path>"] = NAME;`.
function extractCore(tc) {
  const bundle = fs.readFileSync(tc.moonpadJs, "utf8");
  const blobs = new Map();
  for (const m of bundle.matchAll(/[ ,]([\w$]+) = d\("([A-Za-z0-9+/=]*)"\)/g)) blobs.set(m[1], m[2]);
  const tmp = `${tc.coreSrc}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  let n = 0;
  for (const m of bundle.matchAll(/i\["\/lib\/core\/([^"]+)"\] = ([\w$]+);/g)) {
    const data = blobs.get(m[2]);
    if (data === undefined) fail(`no embedded data for core file ${m[1]}`);
    const file = path.join(tmp, m[1]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(data, "base64"));
    n++;
  }
  if (!fs.existsSync(path.join(tmp, "_build", "packages.json"))) fail(`no core build plan found in ${tc.moonpadJs}`);
  // The packages moonpad treats as the prelude ("std" .mi files given to every package).
  const std = bundle.match(/= (\[(?:"[\w/]+",?\s*)+\]), [\w$]+ = \/\* @__PURE__ \*\/ Object\.create\(null\);/);
  if (!std) fail(`no standard package list found in ${tc.moonpadJs}`);
  fs.writeFileSync(path.join(tmp, "std-packages.json"), std[1]);
  fs.rmSync(tc.coreSrc, { recursive: true, force: true });
  fs.renameSync(tmp, tc.coreSrc);
  log(`extracted ${n} core files`);
}

async function buildCore(tc) {
  const plan = JSON.parse(fs.readFileSync(path.join(tc.coreSrc, "_build", "packages.json"), "utf8"));
  const std = new Set(JSON.parse(fs.readFileSync(path.join(tc.coreSrc, "std-packages.json"), "utf8")));
  const tmp = `${tc.coreLib}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const pkgs = new Map(plan.packages.map((p) => [`${p.root}/${p.rel}`, p]));
  const local = (url) => url.replace(/^moonbit-core:\/lib\/core/, tc.coreSrc);
  const artifact = (name) => path.join(tmp, pkgs.get(name).rel.split("/").join("_"));
  const closure = transitiveDeps((n) => pkgs.get(n).deps.map((d) => d.path));
  const tasks = new Map();
  for (const [name, p] of pkgs) {
    tasks.set(name, {
      deps: p.deps.map((d) => d.path),
      run: async () => {
        const files = Object.entries(p.files)
          .filter(([, v]) => v.backend.includes("Wasm") && v.optlevel.includes("Release"))
          .map(([f]) => [path.basename(local(f)), fs.readFileSync(local(f), "utf8")]);
        const direct = new Set(p.deps.map((d) => d.path));
        const r = await compilerCall(tc, "buildPackage", {
          mbtFiles: files,
          miFiles: p.deps.map((d) => [`${artifact(d.path)}.mi:${d.alias}`, fs.readFileSync(`${artifact(d.path)}.mi`)]),
          indirectImportMiFiles: [...closure(name)].filter((x) => !direct.has(x)).map((x) => [x, fs.readFileSync(`${artifact(x)}.mi`)]),
          stdMiFiles: [],
          target: TARGET,
          pkg: name,
          pkgSources: [`${name}:${local(p["root-path"])}`],
          isMain: false,
          errorFormat: "json",
          enableValueTracing: false,
          noOpt: false,
        });
        if (errorsIn(report(r.diagnostics, { quiet: true })) || !r.core || !r.mi) fail(`core package ${name} failed to compile`);
        fs.mkdirSync(tmp, { recursive: true });
        fs.writeFileSync(`${artifact(name)}.mi`, r.mi);
        fs.writeFileSync(`${artifact(name)}.core`, r.core);
      },
    });
  }
  await inDependencyOrder(tasks, jobs());
  const order = topological([...pkgs.keys()], (n) => pkgs.get(n).deps.map((d) => d.path));
  const index = order.map((name) => ({
    name,
    rel: pkgs.get(name).rel,
    deps: pkgs.get(name).deps.map((d) => d.path),
    std: std.has(pkgs.get(name).rel),
    file: path.basename(artifact(name)),
  }));
  fs.writeFileSync(path.join(tmp, "index.json"), JSON.stringify({ target: TARGET, packages: index }, null, 1));
  fs.rmSync(tc.coreLib, { recursive: true, force: true });
  fs.renameSync(tmp, tc.coreLib);
}

function transitiveDeps(depsOf) {
  const memo = new Map();
  const closure = (n) => {
    if (memo.has(n)) return memo.get(n);
    const all = new Set();
    memo.set(n, all);
    for (const d of depsOf(n)) {
      all.add(d);
      for (const x of closure(d)) all.add(x);
    }
    return all;
  };
  return closure;
}

function topological(names, depsOf) {
  const order = [];
  const seen = new Set();
  const visit = (n) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const d of depsOf(n)) visit(d);
    order.push(n);
  };
  names.forEach(visit);
  return order;
}

// ------------------------------------------------------------------------------------------------
// check / build of a module directory (moon.mod.json + moon.pkg.json packages).

function loadModule(root) {
  const modFile = path.join(root, "moon.mod.json");
  if (!fs.existsSync(modFile)) fail(`${modFile} not found`);
  const mod = JSON.parse(fs.readFileSync(modFile, "utf8"));
  if (!mod.name) fail(`${modFile} has no "name"`);
  if (mod.deps && Object.keys(mod.deps).length) fail(`${modFile}: module "deps" are not supported`);
  const srcRoot = path.join(root, mod.source || ".");
  const pkgs = new Map();
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (entries.some((e) => e.isFile() && e.name === "moon.pkg.json")) {
      const pj = JSON.parse(fs.readFileSync(path.join(dir, "moon.pkg.json"), "utf8"));
      const rel = path.relative(srcRoot, dir).split(path.sep).join("/");
      const name = rel ? `${mod.name}/${rel}` : mod.name;
      const imports = (pj.import || []).map((i) =>
        typeof i === "string" ? { path: i, alias: i.split("/").pop() } : { path: i.path, alias: i.alias || i.path.split("/").pop() });
      const files = entries
        .filter((e) => e.isFile() && e.name.endsWith(".mbt"))
        .map((e) => e.name)
        .filter((f) => !/_(wb)?test\.mbt$/.test(f))
        .filter((f) => {
          const m = f.match(/\.(js|wasm|wasm-gc|native|llvm)\.mbt$/);
          return !m || m[1] === TARGET;
        });
      pkgs.set(name, { name, dir, pj, imports, files });
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".") && !["_build", "target", "node_modules"].includes(e.name)) walk(path.join(dir, e.name));
    }
  };
  walk(srcRoot);
  if (!pkgs.size) fail(`no moon.pkg.json under ${srcRoot}`);
  return { root, mod, pkgs };
}

async function compileModule(tc, root, { check }) {
  const coreIndex = JSON.parse(fs.readFileSync(path.join(tc.coreLib, "index.json"), "utf8"));
  const core = new Map(coreIndex.packages.map((p) => [p.name, p]));
  const { mod, pkgs } = loadModule(root);
  for (const p of pkgs.values()) {
    for (const i of p.imports) if (!pkgs.has(i.path) && !core.has(i.path)) fail(`${p.name}: imported package ${i.path} not found`);
  }
  const outDir = path.join(root, "_build", TARGET, check ? "check" : "build");
  const artifact = (n) => path.join(outDir, n.slice(mod.name.length + 1).split("/").join("_") || "_root");
  const miOf = (n) => (core.has(n) ? path.join(tc.coreLib, `${core.get(n).file}.mi`) : `${artifact(n)}.mi`);
  const closure = transitiveDeps((n) => (pkgs.has(n) ? pkgs.get(n).imports.map((i) => i.path) : core.get(n).deps));
  const stdMi = coreIndex.packages
    .filter((p) => p.std)
    .map((p) => [`/lib/core/${p.rel}:${p.rel}`, fs.readFileSync(path.join(tc.coreLib, `${p.file}.mi`))]);
  fs.mkdirSync(outDir, { recursive: true });
  const tasks = new Map();
  let errors = 0;
  let warnings = 0;
  for (const p of pkgs.values()) {
    tasks.set(p.name, {
      deps: p.imports.map((i) => i.path),
      run: async () => {
        const direct = new Set(p.imports.map((i) => i.path));
        const params = {
          mbtFiles: p.files.map((f) => [f, fs.readFileSync(path.join(p.dir, f), "utf8")]),
          miFiles: p.imports.map((i) => [`${miOf(i.path)}:${i.alias}`, fs.readFileSync(miOf(i.path))]),
          indirectImportMiFiles: [...closure(p.name)].filter((x) => !direct.has(x)).map((x) => [x, fs.readFileSync(miOf(x))]),
          stdMiFiles: stdMi,
          target: TARGET,
          pkg: p.name,
          pkgSources: [`${p.name}:${p.dir}`],
          isMain: !!p.pj["is-main"],
          errorFormat: "json",
        };
        const warnList = p.pj["warn-list"] || "";
        // Results are cached by content: the same sources with the same imports (the generated
        // `ffi` package of every module, an unchanged module on the next run) compile once.
        const key = cacheKey(tc, check, p.name, warnList, params);
        const cached = path.join(tc.home, "package-cache", key);
        // A package's warnings are kept with its result (its directory written as a placeholder,
        // the key does not depend on it) and reported again on every cache hit.
        const diag = `${cached}.diag.json`;
        if (fs.existsSync(`${cached}.mi`) && fs.existsSync(diag) && (check || fs.existsSync(`${cached}.core`))) {
          fs.copyFileSync(`${cached}.mi`, `${artifact(p.name)}.mi`);
          if (!check) fs.copyFileSync(`${cached}.core`, `${artifact(p.name)}.core`);
          for (const d of JSON.parse(fs.readFileSync(diag, "utf8"))) {
            printDiagnostic({ ...d, path: String(d.path).split(PACKAGE_DIR).join(p.dir) });
            warnings++;
          }
          return;
        }
        const r = check
          ? await compilerCall(tc, "check", params, warnList)
          : await compilerCall(tc, "buildPackage", { ...params, enableValueTracing: false, noOpt: false }, warnList);
        const found = report(r.diagnostics);
        const n = errorsIn(found);
        warnings += found.length - n;
        if (n || !r.mi || (!check && !r.core)) {
          errors += n;
          fail(`package ${p.name} failed to ${check ? "type-check" : "compile"}`);
        }
        fs.writeFileSync(`${artifact(p.name)}.mi`, r.mi);
        if (r.core) fs.writeFileSync(`${artifact(p.name)}.core`, r.core);
        if (!check) writeAtomically(`${cached}.core`, r.core);
        writeAtomically(`${cached}.mi`, r.mi);
        const portable = found.map((d) => ({ ...d, path: String(d.path).split(p.dir).join(PACKAGE_DIR) }));
        writeAtomically(diag, JSON.stringify(portable));
      },
    });
  }
  await inDependencyOrder(tasks, jobs());
  return { mod, pkgs, core: coreIndex, artifact, warnings };
}

async function build(tc, root, out, wat) {
  const { pkgs, core, artifact } = await compileModule(tc, root, { check: false });
  const linked = [...pkgs.values()].filter((p) => p.pj["is-main"] || (p.pj.link && p.pj.link[TARGET]));
  if (linked.length !== 1) fail(`expected exactly one package with link.${TARGET} or "is-main", found ${linked.length}`);
  const main = linked[0];
  const config = (main.pj.link && main.pj.link[TARGET]) || {};
  const local = topological([main.name], (n) => pkgs.get(n).imports.map((i) => i.path).filter((x) => pkgs.has(x)));
  const r = await compilerCall(tc, "linkCore", {
    coreFiles: [
      ...core.packages.map((p) => fs.readFileSync(path.join(tc.coreLib, `${p.file}.core`))),
      ...local.map((n) => fs.readFileSync(`${artifact(n)}.core`)),
    ],
    main: main.name,
    pkgSources: [`${CORE_PREFIX}:/lib/core`, ...local.map((n) => `${n}:${pkgs.get(n).dir}`)],
    target: TARGET,
    exportedFunctions: config.exports || [],
    outputFormat: wat ? "wat" : "wasm",
    testMode: false,
    debug: false,
    noOpt: false,
    sourceMap: false,
    sources: {},
    stopOnMain: false,
  });
  const memory = config["export-memory-name"] || "memory";
  const bytes = Buffer.from(r.result);
  writeAtomically(out, wat ? `${bytes.toString("utf8")}\n;; add: (export "${memory}" (memory 0))\n` : exportMemory(bytes, memory));
}

// linkCore has no option to export the memory: append `(export NAME (memory 0))` to the export
// section (creating the section if needed).
function exportMemory(wasm, name) {
  const leb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return Buffer.from(out);
  };
  const readLeb = (buf, i) => {
    let n = 0;
    let shift = 0;
    let b;
    do {
      b = buf[i++];
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return [n >>> 0, i];
  };
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail("linker output is not a wasm module");
  const sections = [];
  for (let i = 8; i < wasm.length; ) {
    const [size, start] = readLeb(wasm, i + 1);
    sections.push({ id: wasm[i], body: wasm.subarray(start, start + size) });
    i = start + size;
  }
  if (!sections.some((s) => s.id === 5)) fail("linker output defines no memory");
  const entry = Buffer.concat([leb(Buffer.byteLength(name)), Buffer.from(name), Buffer.from([0x02]), leb(0)]);
  const exports = sections.find((s) => s.id === 7);
  if (exports) {
    const [count, rest] = readLeb(exports.body, 0);
    exports.body = Buffer.concat([leb(count + 1), exports.body.subarray(rest), entry]);
  } else {
    // Section order: type 1, import 2, func 3, table 4, memory 5, tag 13, global 6, export 7, ...
    const rank = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];
    const at = sections.findIndex((s) => s.id !== 0 && rank[s.id] > rank[7]);
    sections.splice(at < 0 ? sections.length : at, 0, { id: 7, body: Buffer.concat([leb(1), entry]) });
  }
  return Buffer.concat([wasm.subarray(0, 8), ...sections.flatMap((s) => [Buffer.from([s.id]), leb(s.body.length), s.body])]);
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 18) fail(`Node.js >= 18 is required (found ${process.versions.node})`);
  if (cmd === "setup") {
    await setup();
    return;
  }
  const deny = args[0] === "--deny-warnings";
  if (cmd === "check" && deny) args.shift();
  if (cmd === "check" && args.length === 1) {
    const tc = await setup();
    const { warnings } = await compileModule(tc, path.resolve(args[0]), { check: true });
    if (deny && warnings) fail(`${warnings} warning(s), denied by --deny-warnings`);
    return;
  }
  const wat = args[0] === "--wat";
  if (wat) args.shift();
  if (cmd === "build" && args.length === 3 && args[1] === "-o") {
    const tc = await setup();
    await build(tc, path.resolve(args[0]), path.resolve(args[2]), wat);
    return;
  }
  fail("usage: moonbit.js setup | check [--deny-warnings] DIR | build [--wat] DIR -o OUT.wasm");
}

main().catch((e) => {
  process.stderr.write(`error: ${e instanceof UserError ? e.message : e.stack || e}\n`);
  process.exit(1);
});
