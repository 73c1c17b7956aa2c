"""Desk builds each area's service on first use: start-up imports only what it needs."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from dutydesk.desk import SERVICES, Desk
from dutydesk.people import auth
from dutydesk.people.auth import Person


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_opening_a_desk_imports_no_area_but_people_and_store(db_path, desk: Desk) -> None:
    desk.close()
    modules = _modules_after(
        f"""
        from dutydesk.desk import Desk
        desk = Desk.open({str(db_path)!r})
        desk.people.by_employee_no("admin")
        desk.settings.get("site_name")
        """
    )
    areas = {"roster", "handover", "incidents", "improvement", "kpi", "process", "training"}
    imported = {m.split(".")[1] for m in modules if m.startswith("dutydesk.") and "." in m}
    assert imported & areas == set()
    # Nor the plugin loader's scan of every installed package.
    assert "importlib.metadata" not in modules


def test_services_are_built_once_on_first_use_with_their_hooks(desk: Desk) -> None:
    assert "handover" not in vars(desk)
    handover = desk.handover
    assert desk.handover is handover and "handover" in vars(desk)
    # Joined as it was built, without building the neighbours it will ask.
    assert handover.process_version_provider is not None
    assert handover.shift_window_provider is not None
    assert desk.training.assessments.figures_provider is not None
    assert desk.cycles.kpi_provider is not None
    assert set(SERVICES) <= set(dir(desk))


def test_wrong_argument_types_are_refused_by_name_in_lazily_built_services(
    desk: Desk, crew: dict[str, Person]
) -> None:
    from dutydesk.errors import ValidationError

    try:
        desk.roster.add_shift_type(crew["admin"], code=7, name="白班", start="08:00", end="20:00")  # type: ignore[arg-type]
    except ValidationError as error:
        assert error.field == "code"
    else:  # pragma: no cover - the check is missing
        raise AssertionError("code=7 was accepted")


def test_a_permission_of_an_area_not_yet_imported_is_found() -> None:
    modules = _modules_after(
        """
        import dutydesk.desk
        from dutydesk.people import auth
        assert "dutydesk.kpi.engine" not in __import__("sys").modules
        print(sorted(auth.permission_roles("kpi.read")))
        """
    )
    assert "dutydesk.kpi.engine" in modules
    assert auth.permission_roles("kpi.read")
