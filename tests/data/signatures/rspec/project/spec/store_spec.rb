# frozen_string_literal: true

RSpec.describe Warehouse::Store do
  it "creates its directory" do
    dir = File.join(Dir.mktmpdir("whstore"), "stock")
    described_class.new(dir)
    expect(File.directory?(dir)).to be(true)
  end

  context "in a prepared directory" do
    let(:dir) { Dir.mktmpdir }
    let(:store) { described_class.new(dir) }

    before { store.set("SKU-1", 12) }

    it "reads back a stock level" do
      expect(store.get("SKU-1")).to eq(12)
    end

    it "overwrites a stock level" do
      store.set("SKU-1", 3)
      expect(store.get("SKU-1")).to eq(3)
    end

    it "reports 0 for an unknown SKU" do
      expect(store.get("SKU-404")).to eq(0)
    end
  end
end
