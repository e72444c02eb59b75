// Translations of the texts the API sends to clients (error messages), keyed by the Chinese text
// exactly as it is written where the error is made. Chinese stays the language of the code and
// the default of the API; a catalogue (data/i18n/errors.en.toml) gives the English.
//
// A key may hold runtime parts the way the source formats them: each `{}` (or `{:…}`) of a
// fmt format string stands for any text. The translation names the parts:
//   `{}`  the next part, as it is;            `{0}`, `{1}` … part N (0-based), as it is;
//   `{t}` the next part, itself translated;   `{t0}`, `{t1}` … part N, itself translated.
// A translated part is looked up as a term ([terms]: words such as 整数 or a profile's label
// 受限开放) or as a whole message; a part the catalogue does not know stays as it is. Parts that
// come from users or data (column names, organisation names) must use `{}` so that a column
// called 日期 is never rendered as "date". Terms are written for the middle of a sentence ("the
// user name"); a translation that starts with a translated part gets a capital first letter.
//
// Matching: an exact key wins; otherwise the pattern with the most literal text that matches
// the whole message. A message nothing matches is returned unchanged by `localize`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace kf::core {

class MessageCatalogue {
 public:
  // Reads a catalogue file: tables [messages] and [terms] of "中文" = "English" strings.
  // invalid_argument (naming the file and the key) for TOML errors, non-string values, unknown
  // tables, a translation whose placeholders do not fit its key, or a term with a placeholder.
  static Result<MessageCatalogue> load(const std::string& path);
  // The same from text; `source` names it in error messages.
  static Result<MessageCatalogue> parse(std::string_view toml, const std::string& source);

  // The translation of `message`, or nullopt when no key matches it.
  std::optional<std::string> translate(std::string_view message) const;
  // The translation, or `message` itself when none matches.
  std::string localize(std::string_view message) const;
  // True when `key` is a key of [messages] or [terms] exactly as written (placeholders included).
  bool has_key(std::string_view key) const;
  std::size_t size() const { return exact_.size() + patterns_.size() + terms_.size(); }

 private:
  struct Pattern {
    std::string key;
    std::vector<std::string> literals;  // the text around the placeholders: parts + 1 pieces
    std::string english;
    std::size_t literal_bytes = 0;
  };
  std::optional<std::string> translate_part(std::string_view part) const;
  std::string render(const std::string& english, const std::vector<std::string_view>& parts) const;

  std::unordered_map<std::string, std::string> exact_;
  std::unordered_map<std::string, std::string> terms_;
  std::vector<Pattern> patterns_;  // most literal text first
};

// The placeholders of a key split it into literal pieces: "未知的列“{}”" → {"未知的列“", "”"}.
// `{}` and `{:spec}` are placeholders; other braces are text.
std::vector<std::string> split_format_key(std::string_view key);

}  // namespace kf::core
