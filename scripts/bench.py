#!/usr/bin/env python3
"""Benchmark `cchc validate` (and `cchc report`) on synthetic data; see docs/benchmark.md.

    .venv/bin/python scripts/bench.py                      # province and national
    .venv/bin/python scripts/bench.py --scales province --repeat 3

Generates the data sets with scripts/gen_synthetic.py when missing (into bench-data/,
git-ignored), measures every figure in fresh subprocesses, prints one table with the
targets marked PASS/FAIL, and writes bench-data/results.json. Always exits 0: this is a
measurement, not a test.

Every wall time includes interpreter start-up (the floor too, so ratios compare like with
like); start-up alone is shown on its own row. Peak memory is the child's own max RSS
from os.wait4 (per process, not summed over children).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "scripts" / "gen_synthetic.py"
MARKER = ".cchc-synthetic.json"
CACHE_DIR = ".cchc_cache"
SCALES = ("province", "national")
#: Schema kind (argument of `cchc schema`) -> files it describes, relative to the root.
SCHEMA_KINDS: dict[str, str] = {
    "unit": "data/units",
    "model": "data/models",
    "document": "data/documents",
    "indicators": "data/indicators.yaml",
}
UNKNOWN_COMMAND = ("No such command", "không có lệnh")
OUTPUT_HEAD_LINES = 8

#: Parses every YAML file under data/ with libyaml, the lower bound for any validator.
FLOOR_CODE = r"""
import json, os, sys, time
t0 = time.perf_counter()
import yaml
t1 = time.perf_counter()
files = size = 0
for folder, subfolders, names in os.walk(os.path.join(sys.argv[1], "data")):
    subfolders.sort()
    for name in sorted(names):
        if name.endswith(".yaml"):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
            files += 1
            size += os.path.getsize(path)
t2 = time.perf_counter()
print(json.dumps({"files": files, "bytes": size, "import_s": t1 - t0, "parse_s": t2 - t1}))
"""


# --- running one measured subprocess ---------------------------------------------------


@dataclass
class Run:
    """One measured child process."""

    argv: list[str]
    wall_s: float
    maxrss_mb: float  # the child's own peak RSS (os.wait4), per process
    exit: int
    cpu_s: float = 0.0  # user + system CPU time of the child (and the children it reaped)
    output_head: str = ""  # first lines of stdout + stderr, kept when the exit is not 0
    tree_peak_mb: float = 0.0  # sampled sum of RSS over the child and its descendants
    processes: int = 1  # most processes seen at once in the child's tree (sampled)
    stdout: str = field(default="", repr=False)

    @property
    def unknown_command(self) -> bool:
        return self.exit == 2 and any(text in self.output_head for text in UNKNOWN_COMMAND)


#: The measures of a `cchc` command run, keyed as in results.json (peak memory, failures).
COMMAND_MEASURES = (
    "validate_cold",
    "validate_warm",
    "report_cold",
    "report_warm",
    "report_after_validate",
)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the RSS of a process tree (Linux /proc), to notice worker processes."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stop = threading.Event()
        self.peak = 0
        self.processes = 1

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.stop.wait(self.interval):
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo += _children(pid)
            self.peak = max(self.peak, sum(_rss_bytes(pid) for pid in tree))
            self.processes = max(self.processes, len(tree))


def run_measured(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdout_path: Path | None = None,
    keep_stdout: bool = False,
) -> Run:
    """Run `argv` once; wall time from spawn to reaping, peak RSS of that child alone."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        target = stdout_path.open("wb") if stdout_path else out
        try:
            started = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    list(argv),
                    stdout=target,
                    stderr=err,
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                )
            except OSError as error:
                return Run(list(argv), 0.0, 0.0, 127, output_head=f"cannot start: {error}")
            sampler = TreeSampler(proc.pid)
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            sampler.stop.set()
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout_path:
                target.close()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    run = Run(
        list(argv),
        wall,
        usage.ru_maxrss * scale / 2**20,
        proc.returncode,
        cpu_s=usage.ru_utime + usage.ru_stime,
        tree_peak_mb=sampler.peak / 2**20,
        processes=sampler.processes,
    )
    if run.exit != 0:
        lines = (stdout + ("\n" if stdout and stderr else "") + stderr).strip().splitlines()
        run.output_head = "\n".join(lines[:OUTPUT_HEAD_LINES])
    if keep_stdout:
        run.stdout = stdout
    return run


# --- aggregated measurements -------------------------------------------------------------


@dataclass
class Measure:
    """A figure measured `repeat` times: the median wall time, the highest peak memory."""

    wall_s: float | None = None
    maxrss_mb: float | None = None
    exit: int | None = None
    cpu_s: float | None = None
    status: str = "ok"  # ok | n/a | error | findings
    note: str = ""
    samples_s: list[float] = field(default_factory=list)
    tree_peak_mb: float | None = None
    processes: int = 1

    @classmethod
    def of(cls, runs: Sequence[Run], *, findings_ok: bool = False) -> Measure:
        last = runs[-1]
        m = cls(
            wall_s=statistics.median(r.wall_s for r in runs),
            cpu_s=statistics.median(r.cpu_s for r in runs),
            maxrss_mb=max(r.maxrss_mb for r in runs),
            exit=max(r.exit for r in runs),
            samples_s=[round(r.wall_s, 4) for r in runs],
            tree_peak_mb=max(r.tree_peak_mb for r in runs),
            processes=max(r.processes for r in runs),
        )
        bad = next((r for r in runs if r.exit != 0), None)
        if last.unknown_command:
            return cls(status="n/a", exit=last.exit, note="command not available")
        if bad is not None:
            m.status = "findings" if findings_ok and bad.exit == 1 else "error"
            m.note = bad.output_head
        return m


def repeat_runs(
    n: int,
    make: Callable[[], Run],
    before: Callable[[], None] | None = None,
    stop_early: bool = True,
) -> list[Run]:
    runs: list[Run] = []
    for _ in range(n):
        if before:
            before()
        run = make()
        runs.append(run)
        if stop_early and (run.unknown_command or run.exit not in (0, 1)):
            break  # no use repeating a crash
    return runs


# --- the benchmark -----------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work.resolve()
        self.python = sys.executable
        self.env = self._child_env()
        self.cchc = self._find_cchc()
        self.check_jsonschema = self._find_check_jsonschema()
        self.schemas_written = False

    def _child_env(self) -> dict[str, str]:
        """The environment of every measured child.

        Bytecode is cached under WORK/pycache (PYTHONPYCACHEPREFIX) even where
        PYTHONDONTWRITEBYTECODE is set, as an installed package has its .pyc files:
        otherwise every run would compile cchc from source and time the compiler.
        """
        env = dict(os.environ)
        for name in ("CCHC_DEBUG", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        env["NO_COLOR"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
        return env

    def prepare_bytecode(self) -> None:
        """Compile the venv's packages (once) and cchc (each run: only what changed)."""
        stamp = self.work / "pycache" / ".compiled"
        targets = [str(REPO / "cchc")]
        if not stamp.exists():
            self.log("compiling bytecode into the benchmark's cache (first run only) ...")
            targets.append(sysconfig.get_paths()["purelib"])
        subprocess.run(
            [self.python, "-m", "compileall", "-q", "-j", "0", *targets],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text("", encoding="utf-8")

    def _find_cchc(self) -> list[str]:
        exe = Path(sys.executable).parent / "cchc"
        if exe.exists():
            return [str(exe)]
        # Not installed: run the package from this checkout.
        self.env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO), self.env.get("PYTHONPATH")])
        )
        return [self.python, "-m", "cchc"]

    @staticmethod
    def _find_check_jsonschema() -> str | None:
        exe = Path(sys.executable).parent / "check-jsonschema"
        return str(exe) if exe.exists() else shutil.which("check-jsonschema")

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    # -- data sets --

    def dataset(self, scale: str) -> tuple[Path, dict[str, Any]]:
        root = self.work / scale
        marker = root / MARKER
        info: dict[str, Any] = {}
        if marker.exists():
            try:
                info = json.loads(marker.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                info = {}
        fresh = (
            not self.args.regen
            and (root / "data").is_dir()
            and info.get("scale") == scale
            and info.get("seed") == self.args.seed
        )
        if not fresh:
            self.log(f"generating the {scale} data set in {root} ...")
            root.mkdir(parents=True, exist_ok=True)
            cmd = [
                self.python,
                str(GENERATOR),
                "--scale",
                scale,
                "--out",
                str(root),
                "--seed",
                str(self.args.seed),
            ]
            subprocess.run(cmd, check=True, stdout=sys.stderr)
            info = json.loads(marker.read_text(encoding="utf-8"))
        return root, info

    @staticmethod
    def warm_page_cache(root: Path) -> None:
        """Read every data file once so that no measurement pays for the disk."""
        for path in (root / "data").rglob("*.yaml"):
            path.read_bytes()

    @staticmethod
    def drop_cchc_cache(root: Path) -> None:
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)

    # -- measurements --

    def floor(self, root: Path) -> dict[str, Any]:
        n = self.args.repeat
        runs = repeat_runs(
            n,
            lambda: run_measured(
                [self.python, "-c", FLOOR_CODE, str(root)],
                cwd=self.work,
                env=self.env,
                keep_stdout=True,
            ),
        )
        startup = repeat_runs(
            n, lambda: run_measured([self.python, "-c", "import yaml"], cwd=self.work, env=self.env)
        )
        result: dict[str, Any] = {
            "wall": asdict(Measure.of(runs)),
            "startup_s": statistics.median(r.wall_s for r in startup),
        }
        if runs[-1].exit == 0:
            inner = [json.loads(r.stdout) for r in runs if r.exit == 0]
            result["parse_s"] = statistics.median(i["parse_s"] for i in inner)
            result["import_yaml_s"] = statistics.median(i["import_s"] for i in inner)
            result["files"] = inner[0]["files"]
            result["bytes"] = inner[0]["bytes"]
        return result

    def cchc_runs(
        self, root: Path, args: Sequence[str], *, cold: bool, findings_ok: bool = True
    ) -> Measure:
        argv = [*self.cchc, *args]
        before = (lambda: self.drop_cchc_cache(root)) if cold else None
        runs = repeat_runs(
            self.args.repeat, lambda: run_measured(argv, cwd=self.work, env=self.env), before=before
        )
        return Measure.of(runs, findings_ok=findings_ok)

    def validate(self, root: Path) -> tuple[Measure, Measure]:
        args = ["validate", "--root", str(root), *self.args.validate_arg]
        cold = self.cchc_runs(root, args, cold=True)
        if cold.status == "n/a":
            return cold, Measure(status="n/a", note="command not available")
        if not (root / CACHE_DIR).exists():
            cold.note = (cold.note + "\n" if cold.note else "") + f"no {CACHE_DIR}/ written"
        warm = self.cchc_runs(root, args, cold=False)
        return cold, warm

    def report(self, root: Path) -> tuple[Measure, Measure, Measure]:
        args = [
            "report",
            "--year",
            str(self.args.year),
            "--root",
            str(root),
            "--format",
            "json",
            "-o",
            os.devnull,
            *self.args.report_arg,
        ]
        cold = self.cchc_runs(root, args, cold=True, findings_ok=False)
        if cold.status == "n/a":
            na = Measure(status="n/a", note="command not available")
            return cold, na, na
        warm = self.cchc_runs(root, args, cold=False, findings_ok=False)
        # The first report after a validate (the cache that validate wrote, other --today)
        validate = [*self.cchc, "validate", "--root", str(root), *self.args.validate_arg]

        def after_validate() -> None:
            self.drop_cchc_cache(root)
            run_measured(validate, cwd=self.work, env=self.env)

        runs = repeat_runs(
            self.args.repeat,
            lambda: run_measured([*self.cchc, *args], cwd=self.work, env=self.env),
            before=after_validate,
        )
        return cold, warm, Measure.of(runs, findings_ok=False)

    def jsonschema(self, root: Path) -> Measure:
        """check-jsonschema with `cchc schema KIND`, summed over the four kinds of file."""
        if self.check_jsonschema is None:
            return Measure(status="n/a", note="check-jsonschema is not installed")
        schemas = self.work / "schemas"
        schemas.mkdir(parents=True, exist_ok=True)
        for kind in SCHEMA_KINDS:  # `cchc schema unit > unit.json`, once per benchmark run
            schema = schemas / f"{kind}.json"
            if self.schemas_written and schema.exists():
                continue
            made = run_measured(
                [*self.cchc, "schema", kind], cwd=self.work, env=self.env, stdout_path=schema
            )
            if made.exit != 0:
                schema.unlink(missing_ok=True)
                status = "n/a" if made.unknown_command else "error"
                return Measure(
                    status=status, exit=made.exit, note=f"cchc schema {kind}: {made.output_head}"
                )
        self.schemas_written = True
        walls: list[float] = []
        peak, worst, notes = 0.0, 0, []
        for _ in range(self.args.repeat):
            total = 0.0
            for kind, where in SCHEMA_KINDS.items():
                schema = schemas / f"{kind}.json"
                target = root / where
                files = (
                    [str(p.relative_to(root)) for p in sorted(target.glob("*.yaml"))]
                    if target.is_dir()
                    else [where]
                )
                for chunk in _chunks(files, 100_000):
                    run = run_measured(
                        [self.check_jsonschema, "--schemafile", str(schema), *chunk],
                        cwd=root,
                        env=self.env,
                    )
                    total += run.wall_s
                    peak = max(peak, run.maxrss_mb)
                    if run.exit != 0 and run.exit > worst:
                        worst = run.exit
                        notes.append(f"{kind}: {run.output_head}")
            walls.append(total)
        m = Measure(
            wall_s=statistics.median(walls),
            maxrss_mb=peak,
            exit=worst,
            samples_s=[round(w, 3) for w in walls],
        )
        if worst:
            m.status = "findings" if worst == 1 else "error"
            m.note = "\n".join(notes[:4])
        return m

    def measure_scale(self, scale: str) -> dict[str, Any]:
        root, info = self.dataset(scale)
        self.warm_page_cache(root)
        out: dict[str, Any] = {"root": str(root), "data": info, "load_before": _load()}
        self.log(f"[{scale}] floor ...")
        out["floor"] = self.floor(root)
        startup = repeat_runs(
            self.args.repeat,
            lambda: run_measured([*self.cchc, "--version"], cwd=self.work, env=self.env),
        )
        out["cchc_startup"] = asdict(Measure.of(startup))
        self.log(f"[{scale}] cchc validate (cold, warm) ...")
        cold, warm = self.validate(root)
        out["validate_cold"], out["validate_warm"] = asdict(cold), asdict(warm)
        if self.args.report == "all" or (self.args.report == "national" and scale == "national"):
            self.log(f"[{scale}] cchc report --year {self.args.year} (cold, warm) ...")
            r_cold, r_warm, r_after = self.report(root)
            out["report_cold"], out["report_warm"] = asdict(r_cold), asdict(r_warm)
            out["report_after_validate"] = asdict(r_after)
        if not self.args.no_jsonschema:
            self.log(f"[{scale}] check-jsonschema ...")
            out["check_jsonschema"] = asdict(self.jsonschema(root))
        out["load_after"] = _load()
        out["ratios"] = ratios(out)
        return out


def _load() -> float | None:
    """The 1-minute load average (other work on the machine inflates wall times)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _chunks(items: list[str], max_chars: int) -> list[list[str]]:
    """Split a file list so no command line gets near ARG_MAX."""
    chunks: list[list[str]] = [[]]
    size = 0
    for item in items:
        if chunks[-1] and size + len(item) + 1 > max_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item) + 1
    return chunks


def _wall(result: dict[str, Any], key: str) -> float | None:
    m = result.get(key)
    if not m or m.get("status") in ("n/a", "error") or m.get("wall_s") is None:
        return None
    return float(m["wall_s"])


def _div(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def ratios(r: dict[str, Any]) -> dict[str, float | None]:
    floor = r["floor"]["wall"]["wall_s"] if r["floor"]["wall"]["status"] == "ok" else None
    cold = _wall(r, "validate_cold")
    return {
        "validate_cold_over_floor": _div(cold, floor),
        "warm_over_cold": _div(_wall(r, "validate_warm"), cold),
        "report_over_validate_cold": _div(_wall(r, "report_cold"), cold),
        "report_warm_over_validate_warm": _div(_wall(r, "report_warm"), _wall(r, "validate_warm")),
        "report_after_validate_over_validate_warm": _div(
            _wall(r, "report_after_validate"), _wall(r, "validate_warm")
        ),
        "check_jsonschema_over_validate_cold": _div(_wall(r, "check_jsonschema"), cold),
    }


# --- targets and output -----------------------------------------------------------------


@dataclass
class Target:
    name: str
    verdict: str  # PASS | FAIL | n/a
    detail: str


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def targets(results: dict[str, dict[str, Any]]) -> list[Target]:
    out: list[Target] = []
    nat, prov = results.get("national"), results.get("province")

    ratio = nat["ratios"]["validate_cold_over_floor"] if nat else None
    out.append(
        Target(
            "national: validate cold ≤ 1.5 × floor",
            _verdict(None if ratio is None else ratio <= 1.5),
            _fmt_ratio(ratio),
        )
    )

    ratio = nat["ratios"]["warm_over_cold"] if nat else None
    out.append(
        Target(
            "national: validate warm ≤ 10% of cold",
            _verdict(None if ratio is None else ratio <= 0.10),
            _fmt_ratio(ratio, percent=True),
        )
    )

    walls = [_wall(prov, key) for key in ("validate_cold", "validate_warm")] if prov else []
    ok = None if not walls or None in walls else all(w is not None and w < 1.0 for w in walls)
    out.append(
        Target(
            "province: validate cold and warm < 1 s (with start-up)",
            _verdict(ok),
            " / ".join(_fmt_s(w) for w in walls) if walls else "n/a",
        )
    )

    peaks = [
        float(r[key]["maxrss_mb"])
        for r in results.values()
        for key in COMMAND_MEASURES
        if r.get(key) and r[key].get("status") != "n/a" and r[key].get("maxrss_mb") is not None
    ]
    out.append(
        Target(
            "peak memory (validate, report) < 1 GB",
            _verdict(max(peaks) < 1024 if peaks else None),
            f"{max(peaks):.0f} MB" if peaks else "n/a",
        )
    )

    ratio = nat["ratios"]["report_over_validate_cold"] if nat else None
    out.append(
        Target(
            "national: report --year ≤ 2 × validate cold",
            _verdict(None if ratio is None else ratio <= 2.0),
            _fmt_ratio(ratio),
        )
    )

    warm = _wall(prov, "validate_warm") if prov else None
    out.append(
        Target(
            "province: validate warm ≤ 0.25 s (with start-up)",
            _verdict(None if warm is None else warm <= 0.25),
            _fmt_s(warm),
        )
    )

    for scale, r in results.items():
        ratio = r["ratios"].get("report_warm_over_validate_warm")
        after = r["ratios"].get("report_after_validate_over_validate_warm")
        worst = max((x for x in (ratio, after) if x is not None), default=None)
        out.append(
            Target(
                f"{scale}: report --year warm ≤ 1.5 × validate warm",
                _verdict(None if worst is None else worst <= 1.5),
                f"{_fmt_ratio(ratio)} (first report after validate: {_fmt_ratio(after)})",
            )
        )
    return out


def _fmt_s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _fmt_ratio(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value * 100:.1f}%" if percent else f"{value:.2f}×"


def _cell_wall(m: dict[str, Any] | None) -> str:
    if not m:
        return "-"
    if m["status"] == "n/a":
        return "n/a"
    if m["status"] == "error":
        return f"error (exit {m['exit']})"
    text = f"{m['wall_s']:.2f}"
    return text + (f" (exit {m['exit']})" if m["status"] == "findings" else "")


def _cell_cpu(m: dict[str, Any] | None) -> str:
    if not m or m["status"] in ("n/a", "error") or m.get("cpu_s") is None:
        return "-" if not m else "n/a"
    return f"{m['cpu_s']:.2f}"


def _cell_mem(m: dict[str, Any] | None) -> str:
    if not m or m["status"] == "n/a" or m.get("maxrss_mb") is None:
        return "-" if not m else "n/a"
    text = f"{m['maxrss_mb']:.0f}"
    if m.get("processes", 1) > 1:
        text += f" ({m['processes']} procs, Σ {m['tree_peak_mb']:.0f})"
    return text


def print_table(results: dict[str, dict[str, Any]], found: list[Target]) -> None:
    scales = list(results)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [cell(results[s]) for s in scales]))

    def ratio_row(label: str, key: str, percent: bool = False) -> None:
        row(label, lambda r: _fmt_ratio(r["ratios"][key], percent))

    row("data: files", lambda r: str(r["floor"].get("files", "?")))
    row("data: MB", lambda r: f"{r['floor'].get('bytes', 0) / 1e6:.1f}")
    row(
        "data: adoption records",
        lambda r: str(r["data"].get("units", 0) * r["data"].get("adoptions", 0)),
    )
    row("python start-up + import yaml (s)", lambda r: f"{r['floor']['startup_s']:.3f}")
    row("cchc start-up: cchc --version (s)", lambda r: _cell_wall(r.get("cchc_startup")))
    row(
        "floor: CSafeLoader parse only (s)",
        lambda r: f"{r['floor']['parse_s']:.2f}" if "parse_s" in r["floor"] else "error",
    )
    row("floor: wall incl. start-up (s)", lambda r: _cell_wall(r["floor"]["wall"]))
    row("floor: CPU user+sys (s)", lambda r: _cell_cpu(r["floor"]["wall"]))
    row("validate cold: wall (s)", lambda r: _cell_wall(r.get("validate_cold")))
    row("validate cold: CPU user+sys (s)", lambda r: _cell_cpu(r.get("validate_cold")))
    row("validate cold: peak RSS (MB)", lambda r: _cell_mem(r.get("validate_cold")))
    row("validate warm: wall (s)", lambda r: _cell_wall(r.get("validate_warm")))
    row("validate warm: CPU user+sys (s)", lambda r: _cell_cpu(r.get("validate_warm")))
    row("validate warm: peak RSS (MB)", lambda r: _cell_mem(r.get("validate_warm")))
    if any("report_cold" in r for r in results.values()):
        row("report --year cold: wall (s)", lambda r: _cell_wall(r.get("report_cold")))
        row("report --year warm: wall (s)", lambda r: _cell_wall(r.get("report_warm")))
        row(
            "report --year after validate: wall (s)",
            lambda r: _cell_wall(r.get("report_after_validate")),
        )
        row("report --year warm: peak RSS (MB)", lambda r: _cell_mem(r.get("report_warm")))
        row("report --year: peak RSS (MB)", lambda r: _cell_mem(r.get("report_cold")))
    if any("check_jsonschema" in r for r in results.values()):
        row("check-jsonschema, 4 kinds (s)", lambda r: _cell_wall(r.get("check_jsonschema")))
        row("check-jsonschema: peak RSS (MB)", lambda r: _cell_mem(r.get("check_jsonschema")))
    ratio_row("validate cold / floor", "validate_cold_over_floor")
    ratio_row("validate warm / cold", "warm_over_cold", percent=True)
    ratio_row("report / validate cold", "report_over_validate_cold")
    ratio_row("report warm / validate warm", "report_warm_over_validate_warm")
    ratio_row("report after validate / validate warm", "report_after_validate_over_validate_warm")
    ratio_row("check-jsonschema / validate cold", "check_jsonschema_over_validate_cold")
    row("load average before / after", lambda r: f"{r['load_before']} / {r['load_after']}")

    width = max(len(label) for label, _ in rows) + 2
    cols = [max(len(s), *(len(cells[i]) for _, cells in rows)) + 2 for i, s in enumerate(scales)]
    print()
    print("".ljust(width) + "".join(s.rjust(c) for s, c in zip(scales, cols, strict=True)))
    for label, cells in rows:
        print(label.ljust(width) + "".join(v.rjust(c) for v, c in zip(cells, cols, strict=True)))
    print()
    cpus = os.cpu_count() or 1
    busy = [s for s, r in results.items() if (r.get("load_before") or 0) > cpus / 2]
    if busy:
        print(
            f"note: the machine was busy ({', '.join(busy)}: load ≥ {cpus / 2:g} on {cpus} "
            "CPUs); wall times are inflated, compare CPU times or run again.\n"
        )
    for t in found:
        print(f"[{t.verdict:>4}] {t.name}: {t.detail}")
    for scale, r in results.items():
        for key in (*COMMAND_MEASURES, "check_jsonschema"):
            m = r.get(key)
            if m and m["status"] in ("error", "findings") and m.get("note"):
                print(f"\n{scale} {key.replace('_', ' ')}: exit {m['exit']}; first lines:")
                print("  " + m["note"].replace("\n", "\n  "))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        default=",".join(SCALES),
        help="comma-separated: province,national (default both)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO / "bench-data",
        help="where data sets and results.json live (default bench-data/)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per figure; the table shows the median (default 1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--regen", action="store_true", help="regenerate the data sets")
    parser.add_argument("--year", type=int, default=2024, help="year for cchc report")
    parser.add_argument(
        "--report",
        choices=("national", "all", "none"),
        default="all",
        help="scales at which to time cchc report (default all)",
    )
    parser.add_argument(
        "--no-jsonschema",
        action="store_true",
        help="skip check-jsonschema (slow at national scale)",
    )
    parser.add_argument(
        "--validate-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for cchc validate, e.g. --validate-arg=--today="
        "2025-06-20 (repeatable)",
    )
    parser.add_argument(
        "--report-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for cchc report (repeatable)",
    )
    args = parser.parse_args(argv)
    args.scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in args.scales if s not in SCALES]
    if unknown or not args.scales:
        parser.error(f"unknown scale(s): {', '.join(unknown) or '(none)'}; use {SCALES}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    bench.work.mkdir(parents=True, exist_ok=True)
    bench.prepare_bytecode()
    bench.log(
        f"cchc: {' '.join(bench.cchc)}; python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; repeat {args.repeat}"
    )
    results: dict[str, dict[str, Any]] = {}
    for scale in args.scales:
        try:
            results[scale] = bench.measure_scale(scale)
        except (OSError, subprocess.CalledProcessError) as error:
            bench.log(f"[{scale}] skipped: {error}")
    if not results:
        return 0
    found = targets(results)
    print_table(results, found)
    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cchc": bench.cchc,
        "repeat": args.repeat,
        "walls_include_startup": True,
        "bytecode_cache": bench.env["PYTHONPYCACHEPREFIX"],
        "scales": results,
        "targets": [asdict(t) for t in found],
    }
    path = bench.work / "results.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
