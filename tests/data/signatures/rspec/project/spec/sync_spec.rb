# frozen_string_literal: true

RSpec.describe Warehouse::Sync do
  it "pushes a complete change" do
    sync = described_class.new { |_payload| nil }
    pushed = sync.enqueue(sku: "SKU-1", delta: -2, warehouse: "BER-1").flush
    expect(pushed.size).to eq(1)
  end

  it "pushes a stock correction from a cycle count" do
    sync = described_class.new { |_payload| nil }
    pushed = sync.enqueue(sku: "SKU-2", delta: 5).flush
    expect(pushed.first[:delta]).to eq(5)
  end

  it "pushes a return to stock" do
    got = []
    sync = described_class.new { |payload| got << payload }
    sync.enqueue(sku: "SKU-3", delta: 1, reason: "return").flush
    expect(got.size).to eq(1)
  end
end
