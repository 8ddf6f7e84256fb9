package dev.parlor.chat;

public enum Status { ONLINE, OFFLINE }
