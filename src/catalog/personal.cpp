// Personal data decided by the values (CLS-4, CLS-6, MSK-1, MSK-2, PUB-5): grading of proposed
// dictionaries and the detectors' findings in stored versions, raw and as published.
#include "catalog/personal.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include "catalog/mask_support.h"
#include "catalog/service.h"
#include "mask/grading.h"

namespace kf::catalog {

namespace {

// Identifiers that a type inference may take for numbers (11-digit mobiles fit an integer).
bool identifier_kind(mask::Kind k) {
  return k == mask::Kind::id_number || k == mask::Kind::mobile || k == mask::Kind::landline ||
         k == mask::Kind::bank_card || k == mask::Kind::passport;
}

std::shared_ptr<re2::RE2> compile(const std::string& pattern) {
  if (pattern.empty()) return nullptr;
  RE2::Options opt;
  opt.set_log_errors(false);
  auto re = std::make_shared<re2::RE2>(pattern, opt);
  return re->ok() ? re : nullptr;
}

// Whether every non-empty value of column `col` in `rows` matches `re` (the validator matches a
// text field's value as it is in the file).
bool all_match(const std::vector<ingest::Record>& rows, std::size_t col, const re2::RE2& re) {
  for (const auto& r : rows) {
    if (col >= r.size() || !r[col] || r[col]->empty()) continue;
    if (!RE2::FullMatch(*r[col], re)) return false;
  }
  return true;
}

// Column labels as the detectors' context: the Chinese label, else the name.
std::vector<std::string> labels_of(const std::vector<core::Field>& columns) {
  std::vector<std::string> out;
  for (const auto& f : columns) out.push_back(f.label.empty() ? f.name : f.label);
  return out;
}

constexpr std::size_t kCachedReports = 64;

}  // namespace

bool holds_personal_data(const mask::ColumnScan& s) { return s.kind && mask::is_personal(*s.kind); }

// --- the proposal

ProposalGrader::ProposalGrader(std::vector<std::string> header) : header_(std::move(header)) {}

void ProposalGrader::start_checking() {
  checking_ = true;
  const auto scans = mask::scan_columns(header_, sample_.rows());
  early_kind_.assign(header_.size(), std::nullopt);
  early_pattern_.assign(header_.size(), nullptr);
  later_match_.assign(header_.size(), true);
  for (std::size_t i = 0; i < scans.size() && i < header_.size(); ++i) {
    if (!holds_personal_data(scans[i])) continue;
    early_kind_[i] = scans[i].kind;
    early_pattern_[i] = compile(mask::suggested_pattern(*scans[i].kind));
  }
}

void ProposalGrader::add(const ingest::Record& rec) {
  sample_.add(rec);
  if (!checking_) {
    if (static_cast<std::size_t>(sample_.seen()) == kScanHead) start_checking();
    return;
  }
  for (std::size_t i = 0; i < early_pattern_.size() && i < rec.size(); ++i) {
    if (!early_pattern_[i] || !later_match_[i] || !rec[i] || rec[i]->empty()) continue;
    if (!RE2::FullMatch(*rec[i], *early_pattern_[i])) later_match_[i] = false;
  }
}

void ProposalGrader::apply(std::vector<core::Field>& fields) const {
  const auto rows = sample_.rows();
  const auto scans = mask::scan_columns(header_, rows);
  // The sample begins with the first records of the file; the later ones were checked as read.
  const std::size_t head = std::min<std::size_t>(rows.size(), kScanHead);
  const std::vector<ingest::Record> first(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(head));
  for (std::size_t i = 0; i < fields.size() && i < scans.size(); ++i) {
    const auto& s = scans[i];
    if (!holds_personal_data(s)) continue;
    const mask::Kind kind = *s.kind;
    core::Field& f = fields[i];
    f.security_grade = mask::higher_grade(f.security_grade, mask::suggested_grade(kind));
    if (f.mask_rule.empty()) f.mask_rule = s.suggested_rule;
    if (identifier_kind(kind) && (f.type == core::FieldType::integer || f.type == core::FieldType::decimal)) {
      f.type = core::FieldType::text;
    }
    if (f.type != core::FieldType::text || !f.pattern.empty() || f.check != core::FieldCheck::none) continue;
    const auto re = compile(mask::suggested_pattern(kind));
    if (!re || !all_match(first, i, *re)) continue;
    const bool later_ok = !checking_ || (i < early_kind_.size() && early_kind_[i] == kind && later_match_[i]);
    if (later_ok) f.pattern = mask::suggested_pattern(kind);
  }
}

// --- stored versions

Result<std::vector<ingest::Record>> CatalogService::sample_version(const Version& v) {
  mask::RowSample sample(kScanHead, kScanSpread);
  KF_TRY(store_->read(v.storage, [&](db::Connection& c, const std::string& table) -> Result<void> {
    KF_ASSIGN(auto cursor, c.open_cursor(fmt::format("SELECT {} FROM {}", physical_columns(v.columns.size()), table), {}));
    std::vector<db::Value> row;
    ingest::Record rec;
    while (true) {
      KF_ASSIGN(bool more, cursor->next(row));
      if (!more) return kf::ok();
      rec.assign(row.size(), std::nullopt);
      for (std::size_t i = 0; i < row.size() && i < v.columns.size(); ++i) {
        if (std::holds_alternative<std::monostate>(row[i])) continue;
        rec[i] = value_text(row[i], v.columns[i].type);
      }
      sample.add(rec);
    }
  }));
  return sample.rows();
}

Result<std::vector<mask::ColumnScan>> CatalogService::scan_version(const Actor& a, const std::string& code,
                                                                   std::int64_t version_id) {
  KF_ASSIGN(Entry e, get(&a, code));
  if (!detail::is_staff(a, e)) return Error::denied("只有数据提供单位、主管部门或管理员可以扫描原始数据");
  KF_ASSIGN(Version v, load_version(e, version_id));
  KF_ASSIGN(auto sample, sample_version(v));
  auto scans = mask::scan_columns(labels_of(v.columns), sample);
  // Report columns by their names in the dictionary, not by their labels.
  for (std::size_t i = 0; i < scans.size() && i < v.columns.size(); ++i) scans[i].column = v.columns[i].name;
  return scans;
}

Result<PersonalDataReport> CatalogService::find_personal_data(const Actor& a, const std::string& code,
                                                              std::int64_t version_id) {
  KF_ASSIGN(Entry e, get(&a, code));
  if (!detail::is_staff(a, e)) return Error::denied("只有数据提供单位、主管部门或管理员可以查看个人信息检测结果");
  KF_ASSIGN(Version v, load_version(e, version_id));
  const auto rules = detail::dictionary_rules(e, v);
  const std::string key = fmt::format("{}:{}", v.id, detail::rules_json(rules));
  {
    std::lock_guard lock(findings_mu_);
    if (auto it = findings_.find(key); it != findings_.end()) return it->second;
  }
  KF_ASSIGN(auto sample, sample_version(v));
  const auto labels = labels_of(v.columns);
  PersonalDataReport out;
  out.version_id = v.id;
  out.row_count = v.row_count;
  out.sampled_rows = static_cast<std::int64_t>(sample.size());
  const auto raw = mask::scan_columns(labels, sample);
  // The same sample as publication would serve it: each column through its rule.
  std::vector<ingest::Record> published = sample;
  std::vector<std::string> rule_errors(v.columns.size());
  for (std::size_t i = 0; i < v.columns.size(); ++i) {
    auto it = rules.find(v.columns[i].name);
    if (it == rules.end()) continue;
    auto masker = detail::maskers_for({v.columns[i]}, {{v.columns[i].name, it->second}}, cfg_.mask_keys);
    if (!masker) {
      rule_errors[i] = masker.error().message;
      continue;
    }
    auto& m = masker->at(0);
    for (auto& rec : published) {
      if (i >= rec.size() || !rec[i] || rec[i]->empty()) continue;
      std::string v_out = m->apply(*rec[i]);
      if (v_out.empty()) rec[i].reset();
      else rec[i] = std::move(v_out);
    }
  }
  const auto after = mask::scan_columns(labels, published);
  for (std::size_t i = 0; i < v.columns.size(); ++i) {
    ColumnFinding f;
    f.name = v.columns[i].name;
    f.label = v.columns[i].label;
    f.raw = i < raw.size() ? raw[i] : mask::ColumnScan{f.name};
    f.raw.column = f.name;
    if (auto it = rules.find(f.name); it != rules.end()) f.rule = it->second;
    f.rule_error = rule_errors[i];
    f.published = f.rule_error.empty() && i < after.size() ? after[i] : f.raw;
    f.published.column = f.name;
    out.columns.push_back(std::move(f));
  }
  std::lock_guard lock(findings_mu_);
  if (findings_.size() >= kCachedReports) findings_.clear();
  findings_[key] = out;
  return out;
}

}  // namespace kf::catalog
