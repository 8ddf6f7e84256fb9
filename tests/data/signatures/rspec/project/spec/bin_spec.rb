# frozen_string_literal: true

RSpec.describe Warehouse::Bin do
  it "knows its aisle" do
    expect(described_class.new("C-07").aisle).to eq("C")
  end

  it "rejects a malformed code" do
    expect { described_class.new("C7") }.to raise_error(ArgumentError)
  end

  it "refuses to overfill" do
    bin = described_class.new("A-01", capacity: 10)
    bin.put("SKU-1", 8)
    expect { bin.put("SKU-2", 3) }.to raise_error(ArgumentError, /full/)
  end

  describe "#label" do
    { "A-01" => 0, "B-12" => 40, "C-07" => 99, "D-33" => 5 }.each do |code, qty|
      it "prints #{code} with its load" do
        bin = described_class.new(code)
        bin.put("SKU-9", qty) if qty.positive?
        expect(bin.label).to eq("#{code} (#{qty}/100)")
      end
    end
  end
end
