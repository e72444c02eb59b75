#include "app/calendar_commands.h"

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/commands.h"

namespace kf::app {

namespace json = boost::json;
using calendar::Date;
using calendar::DayKind;

namespace {

std::unique_ptr<Runtime> open_or_report(const GlobalOptions& g) {
  auto rt = open_runtime(g, SchemaMode::require, 1);
  if (!rt) {
    print_error(rt.error());
    return nullptr;
  }
  return std::move(*rt);
}

const char* weekday_name(Date d) {
  static constexpr const char* kNames[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  return kNames[std::chrono::weekday(std::chrono::sys_days(d)).c_encoding()];
}

const char* kind_name(DayKind k) {
  switch (k) {
    case DayKind::holiday: return "放假    ";  // padded to the width of 调休上班
    case DayKind::makeup_workday: return "调休上班";
    case DayKind::weekend: return "周末";
    case DayKind::working: return "工作日";
  }
  return "";
}

// Warns on stderr when the arithmetic reached a year without a published schedule.
void warn_uncovered(const calendar::WorkCalendar& cal, Date a, Date b) {
  if (b < a) std::swap(a, b);
  for (int y = static_cast<int>(a.year()); y <= static_cast<int>(b.year()); ++y) {
    if (!cal.covers(y)) std::fprintf(stderr, "注意：%d 年的节假日安排尚未载入，该年按周一至周五计算。\n", y);
  }
}

}  // namespace

int run_calendar_show(const GlobalOptions& g, int year, bool as_toml, bool as_json) {
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto cal = rt->calendar->get();
  if (as_toml) {
    if (!cal->covers(year)) return print_error(Error::not_found(std::to_string(year) + " 年的日历尚未载入")), 1;
    std::printf("%s", calendar::to_toml(*cal, year, std::to_string(year) + " 年全国年节和调休安排").c_str());
    return 0;
  }
  auto days = cal->special_days(year);
  if (as_json) {
    json::array a;
    for (const auto& d : days) {
      a.push_back(json::object{{"date", calendar::to_string(d.date)},
                               {"kind", calendar::to_string(d.kind)},
                               {"name", d.name}});
    }
    std::printf("%s\n", json::serialize(json::object{{"year", year}, {"covered", cal->covers(year)}, {"days", a}}).c_str());
    return 0;
  }
  if (!cal->covers(year)) {
    std::printf("%d 年的节假日安排尚未载入，按周一至周五计算。\n", year);
    return 0;
  }
  int holidays = 0, workdays = 0;
  for (const auto& d : days) (d.kind == DayKind::holiday ? holidays : workdays)++;
  Date last_before{std::chrono::year(year - 1), std::chrono::December, std::chrono::day(31)};
  Date last{std::chrono::year(year), std::chrono::December, std::chrono::day(31)};
  std::printf("%d 年：放假 %d 天，调休上班 %d 天，全年工作日 %d 天\n", year, holidays, workdays,
              cal->working_days_between(last_before, last));
  for (const auto& d : days) {
    std::printf("  %s %s  %s  %s\n", calendar::to_string(d.date).c_str(), weekday_name(d.date), kind_name(d.kind),
                d.name.c_str());
  }
  return 0;
}

int run_calendar_add(const GlobalOptions& g, const std::string& date, int n) {
  auto from = calendar::parse_date(date);
  if (!from) return print_error(from.error()), 2;
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto cal = rt->calendar->get();
  Date d = cal->add_working_days(*from, n);
  warn_uncovered(*cal, *from, d);
  std::printf("%s %s\n", calendar::to_string(d).c_str(), weekday_name(d));
  return 0;
}

int run_calendar_between(const GlobalOptions& g, const std::string& from, const std::string& to) {
  auto a = calendar::parse_date(from);
  if (!a) return print_error(a.error()), 2;
  auto b = calendar::parse_date(to);
  if (!b) return print_error(b.error()), 2;
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto cal = rt->calendar->get();
  warn_uncovered(*cal, *a, *b);
  std::printf("%d\n", cal->working_days_between(*a, *b));
  return 0;
}

int run_calendar_import(const GlobalOptions& g, const std::string& toml_file) {
  std::ifstream in(toml_file, std::ios::binary);
  if (!in) return print_error(Error::invalid("无法读取文件：" + toml_file)), 2;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto parsed = calendar::WorkCalendar::parse_year(text, toml_file);
  if (!parsed) return print_error(parsed.error()), 2;
  const int year = parsed->years().at(0);
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto cal = rt->calendar->save_year(year, text, "cli");
  if (!cal) return print_error(cal.error()), 1;
  int holidays = 0, workdays = 0;
  for (const auto& d : (*cal)->special_days(year)) (d.kind == DayKind::holiday ? holidays : workdays)++;
  std::printf("已保存 %d 年的日历：放假 %d 天，调休上班 %d 天。运行中的服务重启后生效。\n", year, holidays, workdays);
  return 0;
}

void add_calendar_commands(CLI::App& app, GlobalOptions& g, const std::function<void(CLI::App*)>& add_globals) {
  struct State {
    int year = 0, n = 0;
    bool toml = false, json = false;
    std::string date, to, file;
  };
  auto st = std::make_shared<State>();
  auto finish = [](int rc) {
    if (rc != 0) throw CLI::RuntimeError(rc);
  };
  auto* cal = app.add_subcommand("calendar", "工作日历：节假日与调休安排、工作日计算、导入某年的安排");
  cal->require_subcommand(1);

  auto* show = cal->add_subcommand("show", "显示某年的节假日和调休上班日（--toml 输出可编辑后导入的日历文件）");
  add_globals(show);
  show->add_option("year", st->year, "年份，如 2026")->required()->check(CLI::Range(1900, 2999));
  show->add_flag("--toml", st->toml, "以日历文件（TOML）格式输出");
  show->add_flag("--json", st->json, "以 JSON 输出");
  show->callback([st, &g, finish] { finish(run_calendar_show(g, st->year, st->toml, st->json)); });

  auto* add = cal->add_subcommand("add-working-days", "计算某日之后第 N 个工作日（N 为 0 时取当日或其后第一个工作日，N 为负时向前）");
  add_globals(add);
  add->add_option("date", st->date, "起始日期 YYYY-MM-DD")->required();
  add->add_option("n", st->n, "工作日数")->required()->check(CLI::Range(-10000, 10000));
  add->callback([st, &g, finish] { finish(run_calendar_add(g, st->date, st->n)); });

  auto* between = cal->add_subcommand("between", "计算区间 (A, B] 内的工作日数（B 早于 A 时为负数）");
  add_globals(between);
  between->add_option("from", st->date, "日期 A（YYYY-MM-DD，不计入）")->required();
  between->add_option("to", st->to, "日期 B（YYYY-MM-DD，计入）")->required();
  between->callback([st, &g, finish] { finish(run_calendar_between(g, st->date, st->to)); });

  auto* import = cal->add_subcommand("import", "导入某年的日历文件（格式见 data/holidays/README.md），新增或更正该年的安排（管理员操作，存入数据库）");
  add_globals(import);
  import->add_option("file", st->file, "日历文件 YYYY.toml")->required()->check(CLI::ExistingFile);
  import->callback([st, &g, finish] { finish(run_calendar_import(g, st->file)); });
}

}  // namespace kf::app
