// Splits one query parameter into tokens. Knows nothing of the grammar; refuses what can
// never be valid anywhere (comments, semicolons, unterminated strings, invalid UTF-8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::query {

enum class TokenKind {
  identifier,         // unquoted name or keyword (keywords are matched by the parser)
  quoted_identifier,  // `name with blanks`
  number,             // digits with an optional fraction
  string,             // 'text' with '' unescaped
  symbol,             // = != <> < <= > >= + - * / ( ) ,
  end,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  int pos = 1;           // 1-based position in code points
  std::size_t byte = 0;  // offset in the text, to cut out an item's source text
};

// The tokens of `text`, ending with one TokenKind::end. Errors are invalid_query with the
// position of the offending character.
Result<std::vector<Token>> tokenize(std::string_view text);

}  // namespace kf::query
