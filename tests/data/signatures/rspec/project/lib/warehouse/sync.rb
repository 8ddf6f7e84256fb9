# frozen_string_literal: true

module Warehouse
  # Pushes stock changes to the shop in a background thread.
  class Sync
    attr_reader :pushed

    def initialize(&push)
      @push = push
      @queue = Queue.new
      @pushed = []
      @thread = Thread.new { run }
      @thread.name = "stock-sync"
      @thread.abort_on_exception = true
    end

    def enqueue(change)
      @queue << change
      self
    end

    def flush(timeout: 1)
      deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + timeout
      sleep 0.005 until @queue.empty? || Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
      sleep 0.02
      @pushed
    end

    private

    def run
      loop do
        change = @queue.pop
        payload = { sku: change.fetch(:sku), delta: change.fetch(:delta), warehouse: change.fetch(:warehouse) }
        @push.call(payload)
        @pushed << payload
      end
    end
  end
end
