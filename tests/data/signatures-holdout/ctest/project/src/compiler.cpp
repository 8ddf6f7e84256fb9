#include <cassert>

#include "cellcalc.h"

namespace cellcalc {

int Compiler::emit(Ins ins) {
  code_.push_back(std::move(ins));
  return static_cast<int>(code_.size());
}

void Compiler::patch(int at, int target) {
  assert(at >= 0 && at < static_cast<int>(code_.size()));
  assert(code_[at].op == Op::Jz || code_[at].op == Op::Jmp);
  code_[at].target = target;
}

void Compiler::gen(const Node& n) {
  switch (n.kind) {
    case Node::Num: emit({Op::Push, n.num}); return;
    case Node::Cell: emit({Op::Load, 0, n.text}); return;
    case Node::Range: emit({Op::LoadRange, 0, n.text}); return;
    case Node::Unary: gen(*n.kids[0]); emit({Op::Neg}); return;
    case Node::Binary: {
      gen(*n.kids[0]);
      gen(*n.kids[1]);
      static const std::map<std::string, Op> ops = {
          {"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Div},
          {"^", Op::Pow}, {"<", Op::Lt}, {">", Op::Gt}, {"=", Op::Eq}};
      emit({ops.at(n.text)});
      return;
    }
    case Node::Call: {
      if (n.text == "IF") {
        if (n.kids.size() != 3) throw FormulaError("IF takes 3 arguments");
        gen(*n.kids[0]);
        const int jz = emit({Op::Jz});
        gen(*n.kids[1]);
        const int jmp = emit({Op::Jmp});
        patch(jz, static_cast<int>(code_.size()));
        gen(*n.kids[2]);
        patch(jmp, static_cast<int>(code_.size()));
        return;
      }
      if (!fns_.contains(n.text)) throw FormulaError("unknown function " + n.text);
      for (const auto& k : n.kids) gen(*k);
      Ins call{Op::Call, 0, n.text};
      call.argc = static_cast<int>(n.kids.size());
      emit(call);
      return;
    }
  }
}

std::vector<Ins> Compiler::compile(const Node& root) {
  code_.clear();
  gen(root);
  return code_;
}

}  // namespace cellcalc
