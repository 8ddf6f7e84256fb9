#include <cctype>

#include "cellcalc.h"

namespace cellcalc {

std::vector<Token> tokenize(const std::string& src) {
  std::vector<Token> out;
  std::size_t i = 0;
  int col = 0;  // display column, tabs expand to 4 for error messages
  const std::size_t n = src.size();
  while (i < n) {
    const char c = src[i];
    if (c == ' ' || c == '\r' || c == '\n') { ++i; ++col; continue; }
    if (c == '\t') { col += 4 - (col % 4); continue; }
    Token t;
    t.col = col;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      std::size_t j = i;
      while (j < n && (std::isdigit(static_cast<unsigned char>(src[j])) || src[j] == '.')) ++j;
      t.kind = Token::Num;
      t.text = src.substr(i, j - i);
      t.num = std::stod(t.text);
      col += static_cast<int>(j - i);
      i = j;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < n && std::isalnum(static_cast<unsigned char>(src[j]))) ++j;
      t.text = src.substr(i, j - i);
      for (auto& ch : t.text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const bool is_cell = std::isdigit(static_cast<unsigned char>(t.text.back())) &&
                           std::isalpha(static_cast<unsigned char>(t.text[0])) &&
                           t.text.size() <= 4 && (j >= n || src[j] != '(');
      t.kind = is_cell ? Token::Cell : Token::Ident;
      col += static_cast<int>(j - i);
      i = j;
    } else {
      switch (c) {
        case '(': t.kind = Token::LParen; break;
        case ')': t.kind = Token::RParen; break;
        case ',': t.kind = Token::Comma; break;
        case ':': t.kind = Token::Colon; break;
        case '+': case '-': case '*': case '/': case '^': case '<': case '>': case '=':
          t.kind = Token::Op; break;
        default:
          throw FormulaError(std::string("unexpected character '") + c + "' at column " + std::to_string(col));
      }
      t.text = std::string(1, c);
      ++i;
      ++col;
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.kind = Token::End;
  end.col = col;
  out.push_back(end);
  return out;
}

}  // namespace cellcalc
