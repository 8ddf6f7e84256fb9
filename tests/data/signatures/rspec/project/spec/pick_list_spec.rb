# frozen_string_literal: true

RSpec.describe Warehouse::PickList do
  let(:loc) { Warehouse::Location }
  let(:item) { Warehouse::Item }

  it "walks aisles in order" do
    list = described_class.new([item.new("S-1", 1, loc.new("C", 2)), item.new("S-2", 1, loc.new("A", 5))])
    expect(list.route.map(&:sku)).to eq(%w[S-2 S-1])
  end

  it "sums quantities" do
    expect(described_class.new([item.new("S-1", 2, nil), item.new("S-2", 3, nil)]).total_qty).to eq(5)
  end

  it "puts overflow items (no location yet) last" do
    list = described_class.new([item.new("S-3", 1, nil), item.new("S-4", 1, loc.new("B", 1))])
    expect(list.route.map(&:sku)).to eq(%w[S-4 S-3])
  end

  it "lists aisles of a mixed order" do
    list = described_class.new([item.new("S-5", 1, loc.new("D", 1)), item.new("S-6", 2, nil)])
    expect(list.aisles).to eq(["D"])
  end

  it "routes a pallet delivery waiting at the dock" do
    list = described_class.new([item.new("PAL-1", 40, nil)])
    expect(list.route.size).to eq(1)
  end
end
