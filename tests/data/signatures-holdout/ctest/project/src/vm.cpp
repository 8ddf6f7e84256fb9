#include <cmath>
#include <fstream>
#include <sstream>

#include "cellcalc.h"

namespace cellcalc {

namespace {
void split_ref(const std::string& ref, char& col, int& row) {
  col = ref[0];
  row = std::stoi(ref.substr(1));
}
}  // namespace

double Sheet::get(const std::string& ref) const {
  auto it = cells_.find(ref);
  if (it == cells_.end()) throw FormulaError("empty cell " + ref);
  return it->second;
}

std::vector<double> Sheet::range(const std::string& from, const std::string& to) const {
  char c0, c1;
  int r0, r1;
  split_ref(from, c0, r0);
  split_ref(to, c1, r1);
  std::vector<double> out;
  for (char c = c0; c <= c1; ++c)
    for (int r = r0; r <= r1; ++r) {
      auto it = cells_.find(std::string(1, c) + std::to_string(r));
      if (it != cells_.end()) out.push_back(it->second);
    }
  return out;
}

Sheet Sheet::load_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw FormulaError("cannot open sheet " + path);
  Sheet s;
  std::string line;
  int row = 0;
  while (std::getline(in, line)) {
    ++row;
    std::stringstream ss(line);
    std::string cell;
    char col = 'A';
    while (std::getline(ss, cell, ',')) {
      if (!cell.empty()) s.set(std::string(1, col) + std::to_string(row), std::stod(cell));
      ++col;
    }
  }
  return s;
}

double Vm::run(const std::vector<Ins>& code) {
  std::vector<double> st;
  std::vector<std::vector<double>> spread;  // ranges expanded into call args
  auto pop = [&] {
    if (st.empty()) throw FormulaError("stack underflow");
    double v = st.back();
    st.pop_back();
    return v;
  };
  for (std::size_t pc = 0; pc < code.size(); ++pc) {
    const Ins& in = code[pc];
    switch (in.op) {
      case Op::Push: st.push_back(in.num); break;
      case Op::Load: st.push_back(sheet_.get(in.text)); break;
      case Op::LoadRange: {
        const auto colon = in.text.find(':');
        const auto vals = sheet_.range(in.text.substr(0, colon), in.text.substr(colon + 1));
        st.push_back(NAN);  // marker, expanded by Call
        spread.push_back(vals);
        break;
      }
      case Op::Add: { double b = pop(), a = pop(); st.push_back(a + b); break; }
      case Op::Sub: { double b = pop(), a = pop(); st.push_back(a - b); break; }
      case Op::Mul: { double b = pop(), a = pop(); st.push_back(a * b); break; }
      case Op::Div: {
        double b = pop(), a = pop();
        if (b == 0) throw FormulaError("#DIV/0!");
        st.push_back(a / b);
        break;
      }
      case Op::Pow: { double b = pop(), a = pop(); st.push_back(std::pow(a, b)); break; }
      case Op::Neg: st.push_back(-pop()); break;
      case Op::Lt: { double b = pop(), a = pop(); st.push_back(a < b); break; }
      case Op::Gt: { double b = pop(), a = pop(); st.push_back(a > b); break; }
      case Op::Eq: { double b = pop(), a = pop(); st.push_back(a == b); break; }
      case Op::Jz: if (pop() == 0) pc = in.target - 1; break;
      case Op::Jmp: pc = in.target - 1; break;
      case Op::Call: {
        std::vector<double> args(in.argc);
        for (int k = in.argc - 1; k >= 0; --k) args[k] = pop();
        std::vector<double> flat;
        std::size_t next_spread = spread.size();
        for (double v : args) if (std::isnan(v)) --next_spread;
        for (double v : args) {
          if (std::isnan(v)) {
            const auto& r = spread[next_spread++];
            flat.insert(flat.end(), r.begin(), r.end());
          } else {
            flat.push_back(v);
          }
        }
        const Builtin* b = fns_.lookup(in.text);
        st.push_back(b->fn(flat));
        break;
      }
    }
  }
  if (st.size() != 1) throw FormulaError("malformed program");
  return st.back();
}

double evaluate(const std::string& formula, const Sheet& sheet) {
  static const FunctionTable fns;
  const auto toks = tokenize(formula);
  const auto ast = parse(toks);
  Compiler c(fns);
  const auto code = c.compile(*ast);
  Vm vm(fns, sheet);
  return vm.run(code);
}

}  // namespace cellcalc
