"""Opening, migrating, backing up, restoring and exporting the one SQLite file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from dutydesk.errors import (
    DamagedDatabase,
    DatabaseBusy,
    DatabaseOpenError,
    DiskFull,
    NewerSchemaError,
    NotADutyDeskDatabase,
    PermissionDenied,
    ReadOnlyStorage,
    StorageFault,
    StorageIOError,
    UnwritableLocation,
    ValidationError,
)
from dutydesk.store.migrations import (
    MIGRATION_SET,
    known_migration_names,
    migrations,
    schema_version,
)

if TYPE_CHECKING:
    from dutydesk.store.context import Acting

# "DUTY" in ASCII: marks a file as ours before any table is read.
APPLICATION_ID = 0x44555459
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"
# How long a statement waits for another program's lock before giving up.
BUSY_TIMEOUT_MS = 5000
# How long a restore waits for other programs to let go of the file it replaces.
RESTORE_LOCK_WAIT_S = 1.0


def _timeout() -> float:
    return BUSY_TIMEOUT_MS / 1000


_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26


def storage_fault(error: sqlite3.Error) -> StorageFault | None:
    """The typed DutyDesk error for a disk or file fault, or None for anything else."""
    if isinstance(error, StorageFault):
        return error
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFull(
            "磁盘已满，本次操作未保存；请腾出磁盘空间后再试",
            en="The disk is full; nothing was saved. Free some space and try again",
        )
    if primary == _SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ReadOnlyStorage(
            "数据库文件或其目录只读，本次操作未保存",
            en="The database file or its folder is read-only; nothing was saved",
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or _is_busy(error):
        return DatabaseBusy(
            "数据库正被另一个程序占用，本次操作未保存；请稍后再试",
            en="The database is in use by another program; nothing was saved. Try again later",
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk I/O error" in text:
        return StorageIOError(
            f"读写数据库文件时出错，本次操作未保存（{text}）",
            en=f"Reading or writing the database file failed; nothing was saved ({text})",
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return StorageIOError(
            f"数据库文件已损坏（{text}）；请用“校验”检查并从备份恢复",
            en=f"The database file is damaged ({text}); verify it and restore a backup",
        )
    return None


@contextlib.contextmanager
def _typed_faults() -> Iterator[None]:
    try:
        yield
    except OverflowError:
        # A number beyond SQLite's 64-bit integers (an id typed as 99999999999999999999)
        raise ValidationError(
            "value", "数值超出可用范围", en="A number is outside the usable range"
        ) from None
    except sqlite3.OperationalError as error:
        raise (storage_fault(error) or error) from error
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            raise
        raise (storage_fault(error) or error) from error


class FaultsAreTyped:
    """Mix-in for a sqlite-utils Database: disk and file faults become StorageFault, a
    number SQLite cannot hold a ValidationError."""

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        with _typed_faults():
            cursor: sqlite3.Cursor = super().execute(sql, parameters)  # type: ignore[misc]
            return cursor

    def query(self, sql: str, params: Any = None) -> Generator[dict[Any, Any], None, None]:
        with _typed_faults():
            yield from super().query(sql, params)  # type: ignore[misc]


class DutyDeskDatabase(FaultsAreTyped, Database):
    """A sqlite-utils Database whose outermost ``atomic()`` takes the write lock at once.

    sqlite-utils begins with a deferred ``BEGIN``. An audited write reads first (the audit
    head, a row's before-image) and writes after; if another process (the window and the
    command line, say) commits in between, SQLite cannot upgrade the read snapshot and
    fails at once with "database is locked", busy timeout or not. ``BEGIN IMMEDIATE``
    waits for the lock up front, so the read and the write see the same state.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self._control("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._quiet_rollback()
            raise
        else:
            try:
                self._control("COMMIT")
            except BaseException:
                self._quiet_rollback()
                raise

    def close(self) -> None:
        """Close, first letting SQLite refresh the planner's statistics where they are due.

        ``PRAGMA optimize`` (SQLite's advice: run it before closing) analyses only the
        tables this connection's queries used whose statistics are missing or far out of
        date (grown 25-fold), so it usually does nothing and costs microseconds.
        """
        try:
            if not self.conn.in_transaction:
                # Never wait long for another program's write lock just for statistics.
                self.conn.execute("PRAGMA busy_timeout = 100")
                self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # read-only file, busy, closed already: the statistics can wait
        super().close()

    def _control(self, sql: str) -> None:
        try:
            self.conn.execute(sql)
        except sqlite3.OperationalError as error:
            raise (storage_fault(error) or error) from error

    def _quiet_rollback(self) -> None:
        # After a disk or I/O fault SQLite may have rolled back already; the first error
        # is the one to report.
        try:
            self.rollback()
        except sqlite3.Error:
            pass


class ReadOnlyDatabase(FaultsAreTyped, Database):
    """A read-only connection that, on close, removes the -wal/-shm files it caused.

    SQLite creates empty -wal and -shm files beside a WAL database even for a read-only
    connection, and only a read-write connection deletes them; inspecting or verifying a
    file must leave its folder as it was.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._side_files_before = {p for p in _side_files(path) if p.exists()}
        super().__init__(_connect_readonly(path), execute_plugins=False)

    def close(self) -> None:
        super().close()
        _tidy_side_files(self.path, self._side_files_before)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_timeout())
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return conn


def _side_files(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm")]


def _tidy_side_files(path: Path, existed: set[Path]) -> None:
    if all(p in existed or not p.exists() for p in _side_files(path)):
        return
    # The last read-write connection to close checkpoints the (empty) WAL and deletes both
    # files; when another program has the database open it leaves them, as it must.
    try:
        conn = sqlite3.connect(str(path), timeout=0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def busy_error(path: Path | str, error: sqlite3.Error) -> DatabaseOpenError:
    name = Path(path).name
    return DatabaseOpenError(
        f"数据库 {name} 正被另一个程序占用，请稍后再试或先关闭该程序（{error}）",
        en=f"The database {name} is in use by another program; try again later or close it"
        f" ({error})",
    )


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # REPLACE then fires delete triggers for the rows it removes (the schema's own
    # no-replace triggers guard raw SQLite tools that leave this off).
    conn.execute("PRAGMA recursive_triggers = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a signed handover must survive a power cut right after the signature.
    conn.execute("PRAGMA synchronous = FULL")


def _check_location(path: Path) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise UnwritableLocation(
            f"无法创建数据库：目录不存在或不是目录：{parent}",
            en=f"Cannot create the database: {parent} is not an existing folder",
        )
    if not os.access(parent, os.W_OK):
        raise UnwritableLocation(
            f"无法写入该位置：{parent}", en=f"The folder is not writable: {parent}"
        )


def _inspect_existing(path: Path) -> list[str]:
    """Read-only look at an existing file; returns the applied migration names.

    Raises the matching DatabaseOpenError without writing anything.
    """
    if not path.exists():
        raise DatabaseOpenError(f"文件不存在：{path}", en=f"The file does not exist: {path}")
    if not path.is_file():
        raise NotADutyDeskDatabase(f"不是文件：{path}", en=f"Not a file: {path}")
    if path.stat().st_size == 0:
        return []
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADutyDeskDatabase(
            f"该文件不是 DutyDesk 数据库：{path.name}",
            en=f"{path.name} is not a DutyDesk database",
        )
    existed = {p for p in _side_files(path) if p.exists()}
    try:
        conn = _connect_readonly(path)
    except sqlite3.Error as error:
        raise DatabaseOpenError(
            f"无法打开数据库 {path.name}：{error}", en=f"Cannot open {path.name}: {error}"
        ) from error
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        applied: list[str] = []
        if MIGRATIONS_TABLE in tables:
            applied = [
                row[0]
                for row in conn.execute(
                    f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id",
                    [MIGRATION_SET],
                )
            ]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if isinstance(error, sqlite3.Error) and _is_busy(error):
            raise busy_error(path, error) from error
        raise DamagedDatabase(
            f"数据库文件已损坏，无法读取：{path.name}（{error}）",
            en=f"The database file is damaged and cannot be read: {path.name} ({error})",
        ) from error
    finally:
        conn.close()
        _tidy_side_files(path, existed)
    if app_id != APPLICATION_ID and tables:
        raise NotADutyDeskDatabase(
            f"这是一个 SQLite 文件，但不是 DutyDesk 数据库：{path.name}",
            en=f"{path.name} is an SQLite file but not a DutyDesk database",
        )
    known = known_migration_names()  # once: each call lists them on a fresh memory database
    if user_version > len(known) and tables:
        raise NewerSchemaError(
            f"该数据库由更新版本的 DutyDesk 创建（结构版本 {user_version}，本程序只认识到"
            f" {len(known)}），请升级本程序后再打开。文件未作任何修改。",
            en=f"This database was written by a newer DutyDesk (schema version {user_version};"
            f" this build knows up to {len(known)}). Upgrade DutyDesk to open it; the"
            " file was not changed.",
        )
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerSchemaError(
            f"该数据库由更新版本的 DutyDesk 创建（未知结构变更：{', '.join(unknown)}），"
            "请升级本程序后再打开。文件未作任何修改。",
            en=f"This database was written by a newer DutyDesk (unknown migrations: "
            f"{', '.join(unknown)}). Upgrade DutyDesk to open it; the file was not changed.",
        )
    return applied


def open_database(path: Path | str, *, create: bool = False) -> Database:
    """Open (or with ``create`` make) a DutyDesk database and bring its schema up to date.

    Before pending migrations touch an existing file a copy is kept beside it.
    Every refusal leaves the file exactly as it was.
    """
    path = Path(path)
    if path.exists():
        applied = _inspect_existing(path)
        if not applied and not create:
            raise NotADutyDeskDatabase(
                f"该文件不是 DutyDesk 数据库：{path.name}",
                en=f"{path.name} is not a DutyDesk database",
            )
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise UnwritableLocation(
                f"数据库文件不可写：{path}", en=f"The database file is not writable: {path}"
            )
    else:
        if not create:
            raise DatabaseOpenError(
                f"数据库文件不存在：{path}", en=f"The database file does not exist: {path}"
            )
        _check_location(path)
        applied = []
    try:
        conn = sqlite3.connect(str(path), timeout=_timeout())
        _configure(conn)
    except sqlite3.Error as error:
        if _is_busy(error):
            raise busy_error(path, error) from error
        raise UnwritableLocation(
            f"无法打开数据库进行写入：{path}（{error}）",
            en=f"Cannot open the database for writing: {path} ({error})",
        ) from error
    # No sqlite-utils plugins on the duty room's file (and no scan of every installed
    # package for them at start-up, which the plugin loader does).
    db = DutyDeskDatabase(conn, execute_plugins=False)
    try:
        pending = migrations.pending(db)
    except sqlite3.Error as error:
        db.close()
        raise (
            busy_error(path, error)
            if _is_busy(error)
            else DamagedDatabase(
                f"数据库文件无法读取：{path.name}（{error}）",
                en=f"The database file cannot be read: {path.name} ({error})",
            )
        ) from error
    if pending:
        if applied:
            _keep_pre_migration_copy(db, path, pending[0].name)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {schema_version()}")
        except sqlite3.Error as error:
            db.close()
            raise DatabaseOpenError(
                f"数据库结构升级失败：{error}", en=f"Upgrading the database failed: {error}"
            ) from error
    return db


def pre_migration_copy_path(path: Path, first_pending: str, now: datetime) -> Path:
    """``duty.before-0002_roster-20261125-080000.db``: names the upgrade it precedes."""
    stamp = f"{now.astimezone(UTC):%Y%m%d-%H%M%S}"
    return _free_name(path.with_name(f"{path.stem}.before-{first_pending}-{stamp}.db"))


def _free_name(wanted: Path) -> Path:
    """``wanted``, or ``name-2.db``, ``name-3.db`` … when it exists: never overwrite a copy."""
    candidate, number = wanted, 2
    while candidate.exists():
        candidate = wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
        number += 1
    return candidate


def _keep_pre_migration_copy(db: Database, path: Path, first_pending: str) -> None:
    backup_to(db, pre_migration_copy_path(path, first_pending, datetime.now(UTC)))


def backup_to(db: Database, dest: Path | str) -> Path:
    """A consistent copy made with SQLite's online backup API, while the app keeps running."""
    dest = Path(dest)
    if dest.exists() and _same_file(db, dest):
        raise UnwritableLocation(
            f"不能把数据库备份到它自己：{dest}", en=f"Cannot back up a database onto itself: {dest}"
        )
    if not dest.parent.is_dir():
        raise UnwritableLocation(
            f"目标目录不存在：{dest.parent}", en=f"The target folder does not exist: {dest.parent}"
        )
    # A name of its own: two programs backing up at once never share a temporary file.
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        target = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, dest)
    except sqlite3.Error as error:
        tmp.unlink(missing_ok=True)
        if _is_busy(error):
            raise busy_error(dest, error) from error
        raise UnwritableLocation(
            f"无法写入备份 {dest}：{error}", en=f"Cannot write the backup {dest}: {error}"
        ) from error
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise UnwritableLocation(
            f"无法写入备份 {dest}：{error.strerror}",
            en=f"Cannot write the backup {dest}: {error.strerror}",
        ) from error
    return dest


def _same_file(db: Database, other: Path) -> bool:
    main = db.execute("PRAGMA database_list").fetchone()[2]
    return bool(main) and Path(main).exists() and os.path.samefile(main, other)


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def integrity_problems(db: Database) -> list[str]:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def table_counts(db: Database) -> dict[str, int]:
    return {
        name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(db.table_names())
        if not name.startswith("sqlite_")
    }


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


@contextlib.contextmanager
def opened(path: Path | str, *, create: bool = False) -> Iterator[Database]:
    db = open_database(path, create=create)
    try:
        yield db
    finally:
        db.close()


def rotating_backup(
    db: Database, backups_dir: Path, *, stem: str, now: datetime, keep: int
) -> Path | None:
    """Make a backup unless one was made in the last 24 hours; keep the newest ``keep``.

    The time of each backup is in its name (UTC), so the rule does not depend on file
    times that copying or restoring would change. Returns None when a recent one exists.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    with _backup_lock(backups_dir, stem) as mine:
        if not mine:
            return None  # another program is making this backup right now
        stamped = _stamped_backups(backups_dir, stem)
        if stamped and (now - stamped[-1][0]).total_seconds() < 24 * 3600:
            return None
        made = backup_to(db, backups_dir / f"{stem}-{now.astimezone(UTC):%Y%m%d-%H%M%S}.db")
        for _, old in _stamped_backups(backups_dir, stem)[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
        return made


# A lock left by a program that died while backing up is ignored after this long.
BACKUP_LOCK_STALE_S = 15 * 60


@contextlib.contextmanager
def _backup_lock(backups_dir: Path, stem: str) -> Iterator[bool]:
    """Yields True for the one program that may make the automatic backup now.

    The lock is a file created exclusively (``O_EXCL``), which works the same on every
    platform and on every file system the database may live on.
    """
    lock = backups_dir / f".{stem}.backup-lock"
    try:
        if _lock_is_stale(lock):
            lock.unlink(missing_ok=True)
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        yield False
        return
    try:
        # The holder writes when it took the lock: the file's own mtime comes from the
        # file system's clock, which need not agree with this program's.
        os.write(handle, f"{os.getpid()} {time.time():.0f}".encode())
        os.close(handle)
        yield True
    finally:
        lock.unlink(missing_ok=True)


def _lock_is_stale(lock: Path) -> bool:
    """True for a lock whose holder took it long ago (it died while backing up); a lock
    still being written, or unreadable, counts as held."""
    try:
        taken = float(lock.read_text(encoding="ascii").split()[1])
    except (OSError, ValueError, IndexError):
        return False
    return time.time() - taken > BACKUP_LOCK_STALE_S


def _stamped_backups(backups_dir: Path, stem: str) -> list[tuple[datetime, Path]]:
    found = []
    for candidate in backups_dir.glob(f"{stem}-*.db"):
        try:
            made_at = datetime.strptime(candidate.stem[len(stem) + 1 :], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append((made_at.replace(tzinfo=UTC), candidate))
    return sorted(found)


def restore_from(
    backup: Path | str, target: Path | str, *, now: datetime, actor: Acting
) -> Path | None:
    """Replace ``target`` with ``backup`` after checking the backup is a sound DutyDesk file.

    ``actor`` must be an active administrator, read again from ``target`` (from the backup
    when there is no readable target with people in it, e.g. restoring to a new place).
    The replaced file is kept aside and its path returned (None when there was none).
    The caller must have closed its own connection to ``target``.
    """
    backup, target = Path(backup), Path(target)
    if not backup.exists():
        raise DatabaseOpenError(
            f"备份文件不存在：{backup}", en=f"The backup file does not exist: {backup}"
        )
    _inspect_existing(backup)
    _check_location(target)
    _require_restorer(actor, backup, target)
    if target.exists():
        _checkpoint_alone(target)  # refuses while another program has it open
    staged = target.with_name(target.name + ".restoring")
    source = ReadOnlyDatabase(backup)
    try:
        try:
            problems = [row[0] for row in source.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            problems = [str(error)]
        if problems != ["ok"]:
            raise DamagedDatabase(
                f"备份文件已损坏，未恢复：{backup.name}（{problems[0]}）",
                en=f"The backup is damaged; nothing was restored: {backup.name} ({problems[0]})",
            )
        staged.unlink(missing_ok=True)
        dest = sqlite3.connect(str(staged))
        try:
            source.conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    kept: Path | None = None
    if target.exists():
        kept = _free_name(
            target.with_name(f"{target.stem}.replaced-{now:%Y%m%d-%H%M%S}{target.suffix}")
        )
        # A second name for the old file, then one atomic rename over it: a crash at any
        # moment leaves a database at ``target`` (old or new), never none.
        try:
            os.link(target, kept)
        except OSError:
            shutil.copy2(target, kept)
    for suffix in ("-wal", "-shm"):
        leftover = Path(str(target) + suffix)
        if leftover.exists():
            leftover.unlink()
    os.replace(staged, target)
    return kept


def _require_restorer(actor: Acting, backup: Path, target: Path) -> None:
    if not callable(getattr(actor, "require", None)):
        raise PermissionDenied(
            "恢复数据库需要管理员登录", en="Restoring a database needs an administrator"
        )
    for candidate in (target, backup):
        if not candidate.exists():
            continue
        try:
            _inspect_existing(candidate)
            source = ReadOnlyDatabase(candidate)
        except DatabaseOpenError:
            continue
        try:
            try:
                found = source.execute(
                    "SELECT employee_no FROM people WHERE id = ?", [actor.id]
                ).fetchone()
                has_people = source.execute("SELECT 1 FROM people LIMIT 1").fetchone()
            except sqlite3.Error:
                continue
            if not has_people:
                continue
            if found is None or found[0] != getattr(actor, "employee_no", None):
                raise PermissionDenied(
                    f"{actor.name} 不是 {candidate.name} 中的人员，不能恢复",
                    en=f"{actor.name} is not a person in {candidate.name}; restore refused",
                )
            actor.require("database.restore", source)
            return
        finally:
            source.close()
    raise PermissionDenied(
        "无法核实恢复人的管理员身份", en="Cannot verify that the restorer is an administrator"
    )


def _checkpoint_alone(path: Path) -> None:
    """Make sure no other connection has ``path`` open, then fold its WAL into it.

    Replacing a file that another process still writes would lose its WAL (the window
    left open during a command-line restore): refuse instead.
    """
    if path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(str(path), timeout=RESTORE_LOCK_WAIT_S)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:
        if _is_busy(error):
            raise DatabaseOpenError(
                f"{path.name} 正在被其他程序使用（例如打开着的值班台窗口），请先关闭后再恢复",
                en=f"{path.name} is open in another program (a DutyDesk window?); close it"
                " before restoring",
            ) from error
    finally:
        conn.close()


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so that moving it moves every committed change."""
    try:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass


def open_readonly(path: Path | str, *, require_dutydesk: bool = False) -> Database:
    """Open an existing file for reading only (exports, verification, inspection).

    With ``require_dutydesk`` a file with no DutyDesk schema (zero bytes, an empty SQLite
    file) is refused like any other file that is not ours.
    """
    path = Path(path)
    applied = _inspect_existing(path)
    if require_dutydesk and not applied:
        raise NotADutyDeskDatabase(
            f"该文件不是 DutyDesk 数据库（空文件或没有任何表）：{path.name}",
            en=f"{path.name} is not a DutyDesk database (empty, or holds no tables)",
        )
    return ReadOnlyDatabase(path)
