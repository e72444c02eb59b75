#include "core/messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace kf::core {

namespace {

// A placeholder of a key: "{}" or "{:spec}" (fmt's automatic argument with a format spec).
// Returns its length at `pos`, or 0 when the brace there is text.
std::size_t key_placeholder_at(std::string_view key, std::size_t pos) {
  if (pos >= key.size() || key[pos] != '{') return 0;
  auto close = key.find('}', pos);
  if (close == std::string_view::npos) return 0;
  std::string_view inside = key.substr(pos + 1, close - pos - 1);
  if (!inside.empty() && inside.front() != ':') return 0;
  return close - pos + 1;
}

// One placeholder of a translation: which part (sequential when `index` is empty) and whether
// it is translated.
struct Slot {
  std::optional<std::size_t> index;
  bool translated = false;
};

// Parses "{…}" at `pos` of a translation; nullopt when the braces there are text.
std::optional<std::pair<Slot, std::size_t>> english_slot_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '{') return std::nullopt;
  auto close = text.find('}', pos);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inside = text.substr(pos + 1, close - pos - 1);
  Slot s;
  if (!inside.empty() && inside.front() == 't') {
    s.translated = true;
    inside.remove_prefix(1);
  }
  if (!inside.empty()) {
    if (inside.size() > 2 || !std::all_of(inside.begin(), inside.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    s.index = static_cast<std::size_t>(std::stoul(std::string(inside)));
  }
  return std::pair{s, close - pos + 1};
}

// Checks that every placeholder of `english` names one of `parts` parts.
Result<void> check_slots(std::string_view english, std::size_t parts, const std::string& where) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < english.size(); ++i) {
    auto slot = english_slot_at(english, i);
    if (!slot) continue;
    std::size_t index = slot->first.index ? *slot->first.index : next++;
    if (index >= parts) {
      return Error::invalid(fmt::format("{}：译文的占位符多于原文（原文有 {} 处 {{}}）", where, parts));
    }
    i += slot->second - 1;
  }
  return kf::ok();
}

// Matches literals[i..] against msg[pos, end) where each gap between literals is a part.
bool match_from(const std::vector<std::string>& lits, std::size_t i, std::string_view msg, std::size_t pos,
                std::size_t end, std::vector<std::string_view>& parts) {
  if (i + 1 == lits.size()) {
    parts.push_back(msg.substr(pos, end - pos));
    return true;
  }
  const std::string& lit = lits[i];
  for (std::size_t at = msg.find(lit, pos); at != std::string_view::npos && at + lit.size() <= end;
       at = msg.find(lit, at + 1)) {
    parts.push_back(msg.substr(pos, at - pos));
    if (match_from(lits, i + 1, msg, at + lit.size(), end, parts)) return true;
    parts.pop_back();
  }
  return false;
}

bool match(const std::vector<std::string>& lits, std::string_view msg, std::vector<std::string_view>& parts) {
  const std::string& first = lits.front();
  const std::string& last = lits.back();
  if (msg.size() < first.size() + last.size()) return false;
  if (!msg.starts_with(first) || !msg.ends_with(last)) return false;
  parts.clear();
  return match_from(lits, 1, msg, first.size(), msg.size() - last.size(), parts);
}

}  // namespace

std::vector<std::string> split_format_key(std::string_view key) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < key.size();) {
    if (std::size_t n = key_placeholder_at(key, i)) {
      out.emplace_back();
      i += n;
    } else {
      out.back() += key[i++];
    }
  }
  return out;
}

Result<MessageCatalogue> MessageCatalogue::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid(fmt::format("消息译文文件 {} 不存在或无法读取", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

Result<MessageCatalogue> MessageCatalogue::parse(std::string_view toml_text, const std::string& source) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    return Error::invalid(fmt::format("消息译文文件 {} 不是有效的 TOML（第 {} 行）：{}", source,
                                      e.source().begin.line, e.description()));
  }
  MessageCatalogue cat;
  for (const auto& [table_key, node] : doc) {
    const std::string table(table_key.str());
    if (table != "messages" && table != "terms") {
      return Error::invalid(fmt::format("消息译文文件 {}：未知的表 [{}]（应为 [messages] 或 [terms]）", source, table));
    }
    const toml::table* t = node.as_table();
    if (!t) return Error::invalid(fmt::format("消息译文文件 {}：{} 应为表", source, table));
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      const std::string where = fmt::format("消息译文文件 {}：[{}] “{}”", source, table, key);
      auto english = v.value<std::string>();
      if (!english || english->empty()) return Error::invalid(where + " 的译文应为非空字符串");
      std::vector<std::string> lits = split_format_key(key);
      if (table == "terms") {
        if (lits.size() != 1) return Error::invalid(where + " 是术语，不能有占位符");
        KF_TRY(check_slots(*english, 0, where));
        cat.terms_.emplace(std::move(key), std::move(*english));
        continue;
      }
      KF_TRY(check_slots(*english, lits.size() - 1, where));
      if (lits.size() == 1) {
        cat.exact_.emplace(std::move(key), std::move(*english));
        continue;
      }
      std::size_t bytes = 0;
      for (const auto& l : lits) bytes += l.size();
      if (bytes == 0) return Error::invalid(where + " 只有占位符，没有文字");
      cat.patterns_.push_back({std::move(key), std::move(lits), std::move(*english), bytes});
    }
  }
  std::stable_sort(cat.patterns_.begin(), cat.patterns_.end(), [](const Pattern& a, const Pattern& b) {
    if (a.literal_bytes != b.literal_bytes) return a.literal_bytes > b.literal_bytes;
    return a.literals.size() < b.literals.size();
  });
  return cat;
}

std::optional<std::string> MessageCatalogue::translate(std::string_view message) const {
  if (auto it = exact_.find(std::string(message)); it != exact_.end()) return it->second;
  std::vector<std::string_view> parts;
  for (const auto& p : patterns_) {
    if (match(p.literals, message, parts)) return render(p.english, parts);
  }
  return std::nullopt;
}

std::string MessageCatalogue::localize(std::string_view message) const {
  auto t = translate(message);
  return t ? std::move(*t) : std::string(message);
}

bool MessageCatalogue::has_key(std::string_view key) const {
  std::string k(key);
  if (exact_.count(k) || terms_.count(k)) return true;
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const Pattern& p) { return p.key == k; });
}

std::optional<std::string> MessageCatalogue::translate_part(std::string_view part) const {
  if (auto it = terms_.find(std::string(part)); it != terms_.end()) return it->second;
  // A part is shorter than the message it came from (every pattern has text of its own), so
  // this recursion ends.
  return translate(part);
}

std::string MessageCatalogue::render(const std::string& english, const std::vector<std::string_view>& parts) const {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < english.size();) {
    auto slot = english_slot_at(english, i);
    if (!slot) {
      out += english[i++];
      continue;
    }
    std::size_t index = slot->first.index ? *slot->first.index : next++;
    std::string_view part = index < parts.size() ? parts[index] : std::string_view{};
    if (slot->first.translated) {
      auto t = translate_part(part);
      out += t ? *t : std::string(part);
    } else {
      out += part;
    }
    i += slot->second;
  }
  // A sentence that starts with a translated term starts with a capital ("the user name is
  // missing" → "The user name is missing"); terms are written for the middle of a sentence.
  if (auto first = english_slot_at(english, 0); first && first->first.translated && !out.empty() &&
      out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

}  // namespace kf::core
