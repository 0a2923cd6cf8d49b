"""The `ansinh` command: demo, serve, worker, manage, load-admin-units, allowance, plans, import."""

import argparse
import os
import subprocess
import sys

DEMO_PASSWORD = "AnSinh@2025"


def _setup(settings_module: str = "ansinh.settings.base") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def _migrate() -> None:
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        os.makedirs(os.path.dirname(str(db["NAME"])) or ".", exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command

    from ansinh.demo.services import demo_seed
    from ansinh.facilities.services import commune_committees_load
    from ansinh.geo.services import admin_units_load, former_communes_load

    print("An Sinh — chuẩn bị cơ sở dữ liệu…", flush=True)
    _migrate()
    units = admin_units_load()
    former_communes_load()
    commune_committees_load()
    print(f"Đơn vị hành chính: {units['provinces']} tỉnh/thành, {units['communes']} xã/phường/đặc khu.", flush=True)
    result = demo_seed(password=DEMO_PASSWORD)
    if result.get("created"):
        persons, households = (f"{n:,}".replace(",", ".") for n in (result["persons"], result["households"]))
        print(f"Dữ liệu mẫu: {persons} người, {households} hộ, {result['enrolments']} người hưởng trợ cấp, "
              f"{result['applications']} hồ sơ đề nghị, 4 tháng chi trả, {result['organisations']} cơ quan, cơ sở, "
              f"{result['workforce_positions']} người làm công tác xã hội, {result['cases']} ca "
              f"({result['cases_open']} đang mở), {result['children']} trẻ em có hoàn cảnh đặc biệt, "
              f"1 đợt triều cường với {result['flood_affected']} hộ, người bị ảnh hưởng, {result['flood_waiting']} "
              f"còn chờ trợ giúp, {result['plans']} kế hoạch của tỉnh, {result['reports']} báo cáo định kỳ "
              f"({result['seconds']:.1f} giây).")
    else:
        print("Dữ liệu mẫu đã có sẵn.")
    address = f"{args.host}:{args.port}"
    print(
        f"\nMở http://{address}/ — đăng nhập (mật khẩu chung: {DEMO_PASSWORD}):\n"
        "  admin    quản trị hệ thống, toàn quốc\n"
        "  tinh     chuyên viên Sở, tỉnh Cà Mau\n"
        f"  xa1      công chức xã, {result['communes'][0]}\n"
        f"  xa2      công chức xã, {result['communes'][1]}\n"
        "  kiemtra  thanh tra, tỉnh Cà Mau\n"
        "  lanhdao  lãnh đạo tỉnh · xa1ld lãnh đạo xã (xa1) · ctxh nhân viên CTXH · chitra tổ chức chi trả\n"
        "Nhấn Ctrl+C để dừng.\n",
        flush=True,
    )
    if args.no_serve:
        return 0
    # the background worker (payroll…) runs beside the web server and stops with it
    worker = subprocess.Popen([sys.executable, "-m", "ansinh.cli", "worker", "--quiet"])
    try:
        call_command("runserver", address, use_reloader=False, use_threading=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run queued background tasks. Runs left unfinished by a stopped worker are queued again first."""
    _setup(os.environ.get("DJANGO_SETTINGS_MODULE", "ansinh.settings.base"))
    from django.core.management import call_command

    from ansinh.core.tasks import resume_all

    for label, resumed in resume_all().items():
        if resumed and not args.quiet:
            print(f"Làm tiếp {resumed} {label} chưa xong.", flush=True)
    options = {"verbosity": 0 if args.quiet else 1, "reload": False}
    if args.batch:
        options |= {"batch": True, "startup_delay": False}
    call_command("db_worker", **options)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings.production")
    _setup(os.environ["DJANGO_SETTINGS_MODULE"])
    from django.core.management import call_command

    if args.migrate:
        _migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    from gunicorn.app.wsgiapp import run

    sys.argv = ["gunicorn", "ansinh.wsgi:application", "--bind", args.bind, "--workers", str(args.workers),
                "--timeout", "120", "--access-logfile", "-"]
    run()
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ansinh manage", *args.rest])
    return 0


def cmd_load_admin_units(args: argparse.Namespace) -> int:
    _setup()
    from ansinh.facilities.services import commune_committees_load
    from ansinh.geo.services import admin_units_load, former_communes_load

    _migrate()
    result = admin_units_load()
    print(f"{result['provinces']} tỉnh/thành, {result['communes']} xã/phường: thêm {result['created']}, cập nhật {result['updated']}.")
    former = former_communes_load()
    print(f"{former['former_communes']} xã/phường trước 01/7/2025, nối với xã/phường hiện nay ({former['links']} mối nối).")
    print(f"UBND xã/phường trong mạng lưới cơ quan, cơ sở: thêm {commune_committees_load()}.")
    return 0


def cmd_allowance_evaluate(args: argparse.Namespace) -> int:
    """JSON cases in (a file, or - for stdin), one JSON result per case out; a bad case gets its own
    messages and the batch goes on. Parameters come from the database, or the legal defaults without one."""
    import json

    _setup()
    from ansinh.assistance.calculator import evaluate_cases
    from ansinh.assistance.selectors import parameters_source

    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8-sig") as f:
                text = f.read()
    except OSError as exc:
        print(f"Không đọc được tệp {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        cases = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"Tệp {args.file} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}", file=sys.stderr)
        return 2
    results = evaluate_cases(cases, parameters_source(args.province or ""))
    output = json.dumps(results, ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(output + "\n")
    else:
        print(output)
    return 0


def cmd_plans_load_seeds(args: argparse.Namespace) -> int:
    _setup()
    from ansinh.monitoring.services import plans_load_seeds

    _migrate()
    counts = plans_load_seeds()
    print(f"Kế hoạch mẫu: thêm {counts['created']}, cập nhật {counts['updated']}, giữ nguyên {counts['unchanged']}.")
    return 0


def cmd_plans_figures(args: argparse.Namespace) -> int:
    """Compute the dashboards' figures now (for a schedule, e.g. cron each night): every computed indicator for
    every commune of each province with plans, or of one province; progress and the time taken on stderr."""
    import time

    _setup()
    from ansinh.monitoring.services import rollups_request
    from ansinh.monitoring.services.rollups import provinces_with_plans

    _migrate()
    provinces = [args.province] if args.province else provinces_with_plans()
    for code in provinces:
        started = time.perf_counter()
        run = rollups_request(province_code=code, all_years=args.all_years, now=True)
        print(f"Tỉnh {code}: {run.done}/{run.steps} chỉ số-năm, {time.perf_counter() - started:.1f} giây.",
              file=sys.stderr)
    return 0


def cmd_plans_show(args: argparse.Namespace) -> int:
    import json

    _setup()
    from ansinh.monitoring.selectors import plan_by_number, plan_document

    found = plan_by_number(args.number, args.province or "")
    if not found:
        print(f"Không có kế hoạch số {args.number}" + (f" của tỉnh {args.province}." if args.province else "."),
              file=sys.stderr)
        return 1
    if len(found) > 1 and len({p.province_code for p in found}) > 1:
        print(f"Có {len(found)} kế hoạch số {args.number} (tỉnh {', '.join(sorted({p.province_code for p in found}))});"
              " hãy chọn --province.", file=sys.stderr)
        return 2
    document = plan_document(found[0])
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(f"{document['number']} ngày {found[0].issued_on:%d/%m/%Y} — {document['issuer']}\n{document['title']}")
    for target in document["targets"]:
        relative = f" so với năm {target['baseline_year']}" if target["baseline_year"] else ""
        print(f"- {target['period_start']}–{target['period_end']}: {target['value']} {target['unit']}{relative}"
              f"{' [' + target['indicator'] + ']' if target['indicator'] else ''} — {target['text']}")
    for task in document["tasks"]:
        print(f"* {task['title']} — chủ trì: {task['lead']}; {task['timeline']}")
    return 0


def _import_user(username: str | None):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise SystemExit(f"Không có người dùng “{username}” (đang hoạt động).")
        return user
    admins = list(users.filter(role="administrator")[:2])
    if len(admins) != 1:
        raise SystemExit("Hãy chỉ định người nhập: --as TÊN_ĐĂNG_NHẬP (việc nhập theo địa bàn của người đó).")
    return admins[0]


def cmd_import(args: argparse.Namespace) -> int:
    """`ansinh import template KIND OUT.xlsx`, or `ansinh import KIND FILE [--commune] [--as] [--dry-run]`: one
    JSON summary on stdout; the exit status is 0 when every row was good, 1 when some rows had errors, 2 when
    nothing could be read."""
    import json

    _setup()
    from ansinh.core.exceptions import DomainError
    from ansinh.exchange.kinds import kind_of
    from ansinh.exchange.services import import_file
    from ansinh.exchange.workbook import template_bytes

    try:
        if args.kind == "template":
            if len(args.paths) != 2:
                print("Cách dùng: ansinh import template KIND OUT.xlsx", file=sys.stderr)
                return 2
            with open(args.paths[1], "wb") as out:
                out.write(template_bytes(kind_of(args.paths[0])))
            print(f"Đã ghi mẫu {args.paths[0]} vào {args.paths[1]}.", file=sys.stderr)
            return 0
        if len(args.paths) != 1:
            print("Cách dùng: ansinh import KIND FILE [--commune MÃ] [--as TÊN] [--dry-run]", file=sys.stderr)
            return 2
        user = _import_user(args.user)
        summary = import_file(user=user, kind=args.kind, path=args.paths[0], commune_code=args.commune,
                              on_existing="update" if args.update else "skip", dry_run=args.dry_run)
    except DomainError as exc:
        print(json.dumps({"error": exc.message, "field": exc.field}, ensure_ascii=False))
        return 2
    except OSError as exc:
        print(json.dumps({"error": f"Không đọc được tệp: {exc.strerror}"}, ensure_ascii=False))
        return 2
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if summary["errors"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ansinh", description="An Sinh — hệ thống thông tin an sinh xã hội")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="Chạy bản dùng thử với dữ liệu mẫu (SQLite)")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", default="8000")
    demo.add_argument("--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ web")
    demo.set_defaults(func=cmd_demo)
    serve = sub.add_parser("serve", help="Chạy máy chủ web (gunicorn, production)")
    serve.add_argument("--bind", default=os.environ.get("ANSINH_BIND", "0.0.0.0:8000"))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("ANSINH_WORKERS", "3")))
    serve.add_argument("--migrate", action="store_true", help="Chạy migrate trước khi phục vụ")
    serve.set_defaults(func=cmd_serve)
    worker = sub.add_parser("worker", help="Chạy các việc nền (lập danh sách chi trả…)")
    worker.add_argument("--batch", action="store_true", help="Làm hết việc đang chờ rồi dừng")
    worker.add_argument("--quiet", action="store_true")
    worker.set_defaults(func=cmd_worker)
    manage = sub.add_parser("manage", help="Lệnh quản trị Django (manage.py)", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    units = sub.add_parser("load-admin-units", help="Nạp 34 tỉnh/thành và 3.321 xã/phường")
    units.set_defaults(func=cmd_load_admin_units)
    allowance = sub.add_parser("allowance", help="Trợ cấp xã hội hằng tháng").add_subparsers(dest="action", required=True)
    evaluate = allowance.add_parser("evaluate", help="Tính diện, hệ số, mức trợ cấp cho danh sách trường hợp (JSON)")
    evaluate.add_argument("file", help="Tệp JSON: danh sách trường hợp, hoặc - để đọc từ stdin")
    evaluate.add_argument("-o", "--output", help="Ghi kết quả ra tệp thay vì stdout")
    evaluate.add_argument("--province", help="Mã tỉnh: áp dụng mức riêng của tỉnh (nếu có)")
    evaluate.set_defaults(func=cmd_allowance_evaluate)
    plans = sub.add_parser("plans", help="Kế hoạch, chỉ tiêu, nhiệm vụ").add_subparsers(dest="action", required=True)
    plans.add_parser("load-seeds", help="Nạp các kế hoạch mẫu của tỉnh (chạy lại không thay đổi gì)").set_defaults(
        func=cmd_plans_load_seeds)
    figures = plans.add_parser("figures", help="Tính ngay số liệu tổng hợp của bảng theo dõi (chạy theo lịch)")
    figures.add_argument("--province", help="Mã tỉnh (mặc định: mọi tỉnh có kế hoạch)")
    figures.add_argument("--all-years", action="store_true", help="Tính lại cả các năm trước")
    figures.set_defaults(func=cmd_plans_figures)
    show = plans.add_parser("show", help="In một kế hoạch với chỉ tiêu và nhiệm vụ")
    show.add_argument("number", help="Số, ký hiệu, ví dụ 62/KH-UBND")
    show.add_argument("--province", help="Mã tỉnh (khi nhiều tỉnh có cùng số)")
    show.add_argument("--json", action="store_true", help="In dạng JSON")
    show.set_defaults(func=cmd_plans_show)
    imports = sub.add_parser("import", help="Nhập danh sách từ tệp Excel/CSV, hoặc ghi tệp mẫu",
                             description="ansinh import persons|households|enrolments|organisations TỆP [--commune MÃ] [--as TÊN] "
                                         "[--update] [--dry-run]; ansinh import template persons MẪU.xlsx")
    imports.add_argument("kind", help="persons (người), households (hộ), enrolments (đối tượng đang hưởng), "
                                      "organisations (cơ quan, cơ sở), hoặc template để ghi tệp mẫu")
    imports.add_argument("paths", nargs="+", help="TỆP cần nhập; với template: LOẠI và TỆP mẫu cần ghi")
    imports.add_argument("--commune", help="Mã xã: nhập vào xã này (dòng không ghi xã lấy xã này)")
    imports.add_argument("--as", dest="user", help="Tên đăng nhập của người nhập (theo địa bàn của người đó)")
    imports.add_argument("--update", action="store_true", help="Cập nhật bản ghi đã có trong sổ: người theo số định danh, hộ theo mã hộ "
                                                                "(mặc định: bỏ qua)")
    imports.add_argument("--dry-run", action="store_true", help="Chỉ đọc và kiểm tra, không ghi gì vào cơ sở dữ liệu")
    imports.set_defaults(func=cmd_import)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
