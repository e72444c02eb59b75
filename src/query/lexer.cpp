#include "query/lexer.h"

#include <fmt/format.h>

#include "query/ast.h"

namespace kf::query {

Error query_error(std::string message, int pos) {
  Error e = Error::invalid(std::move(message), std::to_string(pos));
  e.slug = "invalid_query";
  return e;
}

namespace {

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// Any non-ASCII byte may be part of a name: Chinese column names are written unquoted.
bool is_name_char(unsigned char c) {
  return is_ascii_letter(c) || is_digit(c) || c == '_' || c >= 0x80;
}

// Strict UTF-8 check; positions are counted in code points, so broken sequences would
// make every later position wrong (and the text could not be shown back to the user).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xC2 && c <= 0xDF ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> out;
    while (true) {
      skip_blanks();
      if (i_ >= s_.size()) break;
      const std::size_t byte = i_;
      KF_ASSIGN(Token t, next());
      t.byte = byte;
      out.push_back(std::move(t));
    }
    out.push_back({TokenKind::end, "", pos_, s_.size()});
    return out;
  }

 private:
  unsigned char at(std::size_t k) const {
    return k < s_.size() ? static_cast<unsigned char>(s_[k]) : 0;
  }

  // Advances one byte, counting code points by their lead bytes.
  void advance() {
    ++i_;
    while (i_ < s_.size() && (at(i_) & 0xC0) == 0x80) ++i_;
    ++pos_;
  }

  void skip_blanks() {
    while (i_ < s_.size()) {
      unsigned char c = at(i_);
      // U+3000 (E3 80 80), the ideographic space, is common when typing Chinese.
      const bool ideographic = c == 0xE3 && at(i_ + 1) == 0x80 && at(i_ + 2) == 0x80;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && !ideographic) break;
      advance();
    }
  }

  Result<Token> next() {
    const int start_pos = pos_;
    const std::size_t start = i_;
    const unsigned char c = at(i_);
    if (c == '\'') return string_literal();
    if (c == '`') return quoted_identifier();
    if (is_digit(c) || (c == '.' && is_digit(at(i_ + 1)))) return number();
    if (is_name_char(c)) {
      while (i_ < s_.size() && is_name_char(at(i_))) advance();
      return Token{TokenKind::identifier, std::string(s_.substr(start, i_ - start)), start_pos};
    }
    if ((c == '-' && at(i_ + 1) == '-') || (c == '/' && at(i_ + 1) == '*')) {
      return query_error("查询中不允许使用注释", start_pos);
    }
    if (c == ';') return query_error("查询中不允许使用分号", start_pos);
    std::string_view two = s_.substr(i_, 2);
    if (two == "!=" || two == "<>" || two == "<=" || two == ">=") {
      advance();
      advance();
      return Token{TokenKind::symbol, std::string(two), start_pos};
    }
    if (std::string_view("=<>+-*/(),").find(static_cast<char>(c)) != std::string_view::npos) {
      advance();
      return Token{TokenKind::symbol, std::string(1, static_cast<char>(c)), start_pos};
    }
    std::string shown(1, static_cast<char>(c));
    return query_error(fmt::format("无法识别的字符“{}”", shown), start_pos);
  }

  Result<Token> number() {
    const int start_pos = pos_;
    const std::size_t start = i_;
    while (is_digit(at(i_))) advance();
    if (at(i_) == '.') {
      advance();
      while (is_digit(at(i_))) advance();
    }
    if (is_name_char(at(i_)) || at(i_) == '.') return query_error("数字格式不正确", start_pos);
    return Token{TokenKind::number, std::string(s_.substr(start, i_ - start)), start_pos};
  }

  Result<Token> string_literal() {
    const int start_pos = pos_;
    advance();  // opening quote
    std::string value;
    while (true) {
      if (i_ >= s_.size()) return query_error("字符串缺少结束的单引号", start_pos);
      if (at(i_) == '\'') {
        if (at(i_ + 1) != '\'') break;
        value += '\'';  // '' is one quote inside the string
        advance();
        advance();
        continue;
      }
      const std::size_t from = i_;
      advance();
      value.append(s_.substr(from, i_ - from));
    }
    advance();  // closing quote
    return Token{TokenKind::string, std::move(value), start_pos};
  }

  Result<Token> quoted_identifier() {
    const int start_pos = pos_;
    advance();
    std::string name;
    while (true) {
      if (i_ >= s_.size()) return query_error("列名缺少结束的反引号", start_pos);
      if (at(i_) == '`') break;
      const std::size_t from = i_;
      advance();
      name.append(s_.substr(from, i_ - from));
    }
    advance();
    if (name.empty()) return query_error("列名不能为空", start_pos);
    return Token{TokenKind::quoted_identifier, std::move(name), start_pos};
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int pos_ = 1;
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view text) {
  if (!valid_utf8(text)) return query_error("查询包含无效的 UTF-8 字符", 1);
  return Lexer(text).run();
}

}  // namespace kf::query
