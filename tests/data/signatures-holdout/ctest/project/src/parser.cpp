#include "cellcalc.h"

namespace cellcalc {

namespace {

struct OpInfo {
  int prec;
  bool right_assoc;
};

bool binary_op(const Token& t, OpInfo& info) {
  if (t.kind != Token::Op) return false;
  switch (t.text[0]) {
    case '<': case '>': case '=': info = {1, false}; return true;
    case '+': case '-': info = {2, false}; return true;
    case '*': case '/': info = {3, false}; return true;
    case '^': info = {5, true}; return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(const std::vector<Token>& t) : t_(t) {}

  NodePtr expr(int min_prec) {
    NodePtr lhs = unary();
    OpInfo info;
    while (binary_op(peek(), info) && info.prec >= min_prec) {
      const std::string op = next().text;
      NodePtr rhs = expr(info.prec + 1);
      auto n = std::make_unique<Node>();
      n->kind = Node::Binary;
      n->text = op;
      n->kids.push_back(std::move(lhs));
      n->kids.push_back(std::move(rhs));
      lhs = std::move(n);
    }
    return lhs;
  }

  const Token& peek() const { return t_[pos_]; }
  const Token& next() { return t_[pos_++]; }
  void expect(Token::Kind k, const char* what) {
    if (peek().kind != k)
      throw FormulaError(std::string("expected ") + what + " at column " + std::to_string(peek().col));
    ++pos_;
  }

 private:
  NodePtr unary() {
    if (peek().kind == Token::Op && peek().text == "-") {
      next();
      auto n = std::make_unique<Node>();
      n->kind = Node::Unary;
      n->text = "-";
      n->kids.push_back(expr(4));
      return n;
    }
    return primary();
  }

  NodePtr primary() {
    const Token& t = next();
    auto n = std::make_unique<Node>();
    switch (t.kind) {
      case Token::Num:
        n->kind = Node::Num;
        n->num = t.num;
        return n;
      case Token::Cell:
        n->text = t.text;
        if (peek().kind == Token::Colon) {
          next();
          const Token& to = next();
          if (to.kind != Token::Cell) throw FormulaError("bad range end at column " + std::to_string(to.col));
          n->kind = Node::Range;
          n->text += ":" + to.text;
        } else {
          n->kind = Node::Cell;
        }
        return n;
      case Token::Ident:
        n->kind = Node::Call;
        n->text = t.text;
        expect(Token::LParen, "'('");
        if (peek().kind != Token::RParen) {
          n->kids.push_back(expr(0));
          while (peek().kind == Token::Comma) {
            next();
            n->kids.push_back(expr(0));
          }
        }
        expect(Token::RParen, "')'");
        return n;
      case Token::LParen: {
        NodePtr inner = expr(0);
        expect(Token::RParen, "')'");
        return inner;
      }
      default:
        throw FormulaError("unexpected '" + t.text + "' at column " + std::to_string(t.col));
    }
  }

  const std::vector<Token>& t_;
  std::size_t pos_ = 0;
};

}  // namespace

NodePtr parse(const std::vector<Token>& toks) {
  Parser p(toks);
  NodePtr root = p.expr(0);
  p.expect(Token::End, "end of formula");
  return root;
}

}  // namespace cellcalc
