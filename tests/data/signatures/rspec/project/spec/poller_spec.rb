# frozen_string_literal: true

RSpec.describe Warehouse::Poller do
  it "returns once the shipment is ready" do
    calls = 0
    source = ->(_id) { (calls += 1) >= 3 ? :ready : :packing }
    expect(described_class.new(source).wait_for("SHP-1")).to eq(:ready)
  end

  it "gives up on a shipment that never gets ready" do
    source = ->(_id) { :packing }
    expect { described_class.new(source).wait_for("SHP-2", attempts: 3) }.to raise_error(/not ready after 3 polls/)
  end

  it "gives up after the default number of polls" do
    source = ->(_id) { :on_hold }
    poller = described_class.new(source, interval: 0.001, max_interval: 0.002)
    expect { poller.wait_for("SHP-3") }.to raise_error(RuntimeError)
  end
end
