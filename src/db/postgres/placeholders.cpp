#include "db/postgres/placeholders.h"

namespace kf::db {
namespace {

bool is_ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
         u == '$' || u >= 0x80;
}

bool is_tag_start(char c) { return is_ident_char(c) && c != '$' && !(c >= '0' && c <= '9'); }

// Index just past the literal that opens at `i` (a quote), honouring doubled quotes and,
// for E'…' strings, backslash escapes. An unterminated literal runs to the end.
std::size_t skip_quoted(std::string_view s, std::size_t i, bool backslash_escapes) {
  const char quote = s[i];
  for (++i; i < s.size(); ++i) {
    if (backslash_escapes && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        ++i;  // doubled quote stands for itself
      } else {
        return i + 1;
      }
    }
  }
  return s.size();
}

// Block comments nest in PostgreSQL.
std::size_t skip_block_comment(std::string_view s, std::size_t i) {
  int depth = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (s.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return s.size();
}

// `$` at `i` opens a dollar-quoted string when it reads $$ or $tag$; returns the index past
// its end, or `i` when it is something else ($1, part of an identifier).
std::size_t skip_dollar_quoted(std::string_view s, std::size_t i) {
  if (i > 0 && is_ident_char(s[i - 1])) return i;
  std::size_t j = i + 1;
  if (j < s.size() && is_tag_start(s[j])) {
    while (j < s.size() && is_ident_char(s[j]) && s[j] != '$') ++j;
  }
  if (j >= s.size() || s[j] != '$') return i;
  const std::string_view delimiter = s.substr(i, j - i + 1);
  const std::size_t close = s.find(delimiter, j + 1);
  return close == std::string_view::npos ? s.size() : close + delimiter.size();
}

}  // namespace

RewrittenSql rewrite_placeholders(std::string_view s) {
  RewrittenSql out;
  out.sql.reserve(s.size() + 16);
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    std::size_t end = i;  // past a region to copy unchanged, when one starts here
    if (c == '\'') {
      const bool e_string =
          i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') && (i == 1 || !is_ident_char(s[i - 2]));
      end = skip_quoted(s, i, e_string);
    } else if (c == '"') {
      end = skip_quoted(s, i, false);
    } else if (c == '-' && s.compare(i, 2, "--") == 0) {
      end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
    } else if (c == '/' && s.compare(i, 2, "/*") == 0) {
      end = skip_block_comment(s, i);
    } else if (c == '$') {
      end = skip_dollar_quoted(s, i);
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.params);
      ++i;
      continue;
    }
    if (end == i) end = i + 1;
    out.sql.append(s.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace kf::db
