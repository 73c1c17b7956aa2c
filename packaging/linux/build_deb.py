"""Build dist/dutydesk_<version>_<arch>.deb from the PyInstaller folder (dist/dutydesk/).

The package puts the frozen application under /opt/dutydesk, a /usr/bin/dutydesk link, the
menu entry, hicolor icons, AppStream metainfo, a manual page and the copyright file.
Debian's own triggers refresh the icon cache and the menu, so there are no maintainer
scripts. Run through ``make package``; needs dpkg-deb and the project's Python (for Qt,
which renders the icon sizes from the SVG).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PACKAGE = "dutydesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# What the frozen Qt needs from the system on Debian 12, UOS and Kylin (README, "Linux
# desktop packages"): PyInstaller bundles Python and Qt, but Qt's xcb platform links these.
DEPENDS = (
    "libc6 (>= 2.34)",
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-render-util0",
    "libxcb-render0",
    "libxcb-shape0",
    "libxcb-util1",
    "libxcb-xkb1",
)


def project_version() -> str:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def architecture() -> str:
    return subprocess.check_output(["dpkg", "--print-architecture"], text=True).strip()


def render_icons(svg: Path, hicolor: Path) -> None:
    """PNG icons in every hicolor size, drawn by Qt from the one SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
    del app
    scalable = hicolor / "scalable" / "apps" / f"{PACKAGE}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)


def gzip_to(source_text: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes (reproducible, and lintian asks for -n).
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(source_text.encode("utf-8"))


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def write_md5sums(root: Path) -> None:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root)}\n")
    (root / "DEBIAN" / "md5sums").write_text("".join(lines), encoding="utf-8")


def is_shared_object(path: Path) -> bool:
    return path.suffix == ".so" or ".so." in path.name


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def normalise_modes(root: Path) -> None:
    """Directories and programs 755, everything else (shared objects included) 644."""
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif os.access(path, os.X_OK) and not is_shared_object(path):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def tidy_shared_objects(root: Path) -> None:
    """Strip debug symbols and drop RUNPATHs that point at the build machine.

    The frozen program itself is left alone: PyInstaller appends its archive to it.
    RUNPATHs relative to $ORIGIN (Qt's own) are kept; absolute ones name a folder of the
    machine that built the package and mean nothing on the duty PC.
    """
    patchelf = shutil.which("patchelf")
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_shared_object(path):
            continue
        if not is_elf(path):
            continue
        subprocess.run(
            ["strip", "--strip-unneeded", "--remove-section=.comment", str(path)],
            check=False,
            capture_output=True,
        )
        if patchelf is None:
            continue
        found = subprocess.run([patchelf, "--print-rpath", str(path)], capture_output=True)
        entries = found.stdout.decode().strip().split(":") if found.returncode == 0 else []
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if entries != [""] and entries and kept != entries:
            if kept:
                subprocess.run([patchelf, "--set-rpath", ":".join(kept), str(path)], check=True)
            else:
                subprocess.run([patchelf, "--remove-rpath", str(path)], check=True)


def stage(frozen: Path, root: Path, version: str, arch: str) -> None:
    opt = root / "opt" / PACKAGE
    shutil.copytree(frozen, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    share = root / "usr" / "share"
    applications = share / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(ROOT / "packaging" / "dutydesk.desktop", applications / "dutydesk.desktop")
    render_icons(ROOT / "resources" / "icons" / "dutydesk.svg", share / "icons" / "hicolor")
    metainfo = share / "metainfo"
    metainfo.mkdir(parents=True)
    shutil.copyfile(HERE / "dutydesk.metainfo.xml", metainfo / "dutydesk.metainfo.xml")
    gzip_to((HERE / "dutydesk.1").read_text(encoding="utf-8"), share / "man/man1/dutydesk.1.gz")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(HERE / "copyright", doc / "copyright")
    gzip_to((HERE / "changelog").read_text(encoding="utf-8"), doc / "changelog.gz")
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copyfile(HERE / "lintian-overrides", overrides / PACKAGE)
    tidy_shared_objects(opt)
    debian = root / "DEBIAN"
    debian.mkdir()
    control = (HERE / "control.in").read_text(encoding="utf-8")
    control = control.format(
        package=PACKAGE,
        version=version,
        arch=arch,
        depends=", ".join(DEPENDS),
        installed_size=installed_size_kib(root),
    )
    (debian / "control").write_text(control, encoding="utf-8")
    normalise_modes(root)
    write_md5sums(root)


def build(frozen: Path, out_dir: Path) -> Path:
    if not (frozen / PACKAGE).is_file():
        raise SystemExit(f"no frozen application at {frozen} (run make dist first)")
    version, arch = project_version(), architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="dutydesk-deb-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        stage(frozen, root, version, arch)
        partial = target.with_suffix(".deb.partial")
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(root), str(partial)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", default=str(ROOT / "dist" / PACKAGE))
    parser.add_argument("--out", default=str(ROOT / "dist"))
    args = parser.parse_args(argv)
    target = build(Path(args.frozen), Path(args.out))
    print(f"{target} ({target.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
