// cellcalc: spreadsheet formula engine (lexer -> parser -> bytecode -> VM).
#pragma once
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace cellcalc {

struct Token {
  enum Kind { Num, Ident, Cell, Op, LParen, RParen, Comma, Colon, End } kind;
  std::string text;
  double num = 0;
  int col = 0;
};

std::vector<Token> tokenize(const std::string& src);

struct Node;
using NodePtr = std::unique_ptr<Node>;
struct Node {
  enum Kind { Num, Cell, Range, Unary, Binary, Call } kind;
  double num = 0;
  std::string text;  // cell ref / operator / function name
  std::vector<NodePtr> kids;
};

NodePtr parse(const std::vector<Token>& toks);

enum class Op { Push, Load, LoadRange, Add, Sub, Mul, Div, Pow, Neg, Lt, Gt, Eq, Call, Jz, Jmp };
struct Ins {
  Op op;
  double num = 0;
  std::string text;
  int argc = 0;
  int target = 0;
};

using Fn = double (*)(const std::vector<double>&);
struct Builtin {
  const char* name;
  Fn fn;
  int min_args, max_args;
};

class FunctionTable {
 public:
  FunctionTable();
  bool contains(const std::string& name) const { return map_.count(name) != 0; }
  const Builtin* lookup(const std::string& name) const;

 private:
  std::unordered_map<std::string, const Builtin*> map_;
};

class Compiler {
 public:
  explicit Compiler(const FunctionTable& fns) : fns_(fns) {}
  std::vector<Ins> compile(const Node& root);

 private:
  int emit(Ins ins);
  void patch(int at, int target);
  void gen(const Node& n);
  const FunctionTable& fns_;
  std::vector<Ins> code_;
};

class Sheet {
 public:
  void set(const std::string& ref, double v) { cells_[ref] = v; }
  double get(const std::string& ref) const;
  std::vector<double> range(const std::string& from, const std::string& to) const;
  static Sheet load_csv(const std::string& path);  // row-major, A1 at top-left

 private:
  std::map<std::string, double> cells_;
};

class Vm {
 public:
  Vm(const FunctionTable& fns, const Sheet& sheet) : fns_(fns), sheet_(sheet) {}
  double run(const std::vector<Ins>& code);

 private:
  const FunctionTable& fns_;
  const Sheet& sheet_;
};

// Convenience: tokenize + parse + compile + run.
double evaluate(const std::string& formula, const Sheet& sheet);

struct FormulaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace cellcalc
