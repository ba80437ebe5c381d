// The theater-guest transform for the AssemblyScript compiler (asc --transform theater-guest/transform/index.js).
// It does three things a Theater actor needs and AssemblyScript cannot express:
//
// 1. `abort` (what `throw`, failed assertions and out-of-range accesses call) becomes the SDK's theaterAbort, which
//    turns an abort inside an export into the export's err result (assembly/unwind.ts).
// 2. Export names: WIT names contain ':', '/', '#' and '-', which are not identifiers. An exported function whose
//    name contains '$' is renamed:
//        ns$pkg$iface$func            ->  ns:pkg/iface#func            theater$simple$actor$init -> theater:simple/actor#init
//        cabi_post$ns$pkg$iface$func  ->  cabi_post_ns:pkg/iface#func
//        $name                        ->  name                         $test_live_allocations -> test-live-allocations
//    with '_' becoming '-' in every part (WIT names are kebab-case and have no '_').
// 3. Binaryen's Asyncify pass, so that an abort can unwind the stack to the export (imports never unwind; only the
//    SDK's abort does). The module is optimised first (when the build optimises): Asyncify instruments every
//    function that may be on the stack during an abort, so the fewer and smaller they are, the smaller the result
//    (a third of the size for the examples). The SDK's dispatch functions stay out of line: an export trampoline
//    stops the unwind, so Asyncify leaves it uninstrumented, and code inlined into it would not stop on an abort.

function kebab(part) {
  return part.replace(/_/g, "-");
}

export function witExportName(name) {
  if (!name.includes("$")) return name;
  let prefix = "";
  let rest = name;
  if (rest.startsWith("cabi_post$")) {
    prefix = "cabi_post_";
    rest = rest.substring("cabi_post$".length);
  }
  const parts = rest.split("$");
  if (parts.length === 4 && parts.every(p => p.length > 0)) {
    return `${prefix}${kebab(parts[0])}:${kebab(parts[1])}/${kebab(parts[2])}#${kebab(parts[3])}`;
  }
  if (prefix === "" && parts.length === 2 && parts[0] === "" && parts[1].length > 0) {
    return kebab(parts[1]);
  }
  throw new Error(`theater-guest: cannot map the export '${name}' to a WIT name: use ns$pkg$iface$func, `
    + `cabi_post$ns$pkg$iface$func or $name (underscores become hyphens)`);
}

export default class TheaterTransform {
  afterParse(parser) {
    const unwind = parser.sources.find(s => /(^|\/)assembly\/unwind$/.test(s.internalPath)
      && s.text.includes("export function theaterAbort("));
    if (!unwind) {
      throw new Error("theater-guest: the SDK's assembly/unwind.ts is not part of the program; export the handlers "
        + "from one of theater-guest's assembly/exports modules");
    }
    const options = this.program.options;
    if (!options.globalAliases) options.globalAliases = new Map();
    options.globalAliases.set("abort", `${unwind.internalPath}/theaterAbort`);
  }

  afterCompile(module) {
    const binaryen = this.binaryen;
    const renames = [];
    for (let i = 0, n = module.getNumExports(); i < n; i++) {
      const info = binaryen.getExportInfo(module.getExportByIndex(i));
      if (info.kind === binaryen.ExternalFunction && info.name.includes("$")) renames.push(info);
    }
    for (const info of renames) {
      module.removeExport(info.name);
      module.addFunctionExport(info.value, witExportName(info.name));
    }
    try {
      for (const pattern of ["*assembly/actor/dispatch*", "*assembly/unwind/startUnwind"]) {
        binaryen.setPassArgument("no-inline", pattern);
        module.runPasses(["no-inline"]);
      }
      const { optimizeLevelHint, shrinkLevelHint } = this.program.options;
      if (optimizeLevelHint > 0 || shrinkLevelHint > 0) {
        binaryen.setOptimizeLevel(optimizeLevelHint);
        binaryen.setShrinkLevel(shrinkLevelHint);
        module.optimize();
      }
      binaryen.clearPassArguments();
      binaryen.setPassArgument("asyncify-ignore-imports", "true");
      module.runPasses(["asyncify"]);
    } finally {
      binaryen.clearPassArguments();
    }
  }
}
