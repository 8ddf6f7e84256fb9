#!/usr/bin/python3
"""A FastAPI + uvicorn + aiosqlite peer for the HTTP benchmark: /health and /results/{job_id}
the way the original Python service answers them (read the row, parse the stored JSON, build
the envelope, serialize it again), on the same SQLite file layout (table results with
job_id, status, result_json, created_at, completed_at).
    fastapi_peer.py DB_FILE PORT
Needs Debian's python3-fastapi python3-uvicorn python3-aiosqlite (run with /usr/bin/python3)."""
import json
import sys

import aiosqlite
import uvicorn
from fastapi import FastAPI, HTTPException

DB, PORT = sys.argv[1], int(sys.argv[2])
app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "healthy"}


@app.get("/results/{job_id}")
async def result(job_id: str):
    async with aiosqlite.connect(DB) as db:
        db.row_factory = aiosqlite.Row
        async with db.execute("SELECT * FROM results WHERE job_id = ?", (job_id,)) as cursor:
            row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="Job not found")
    return {
        "job_id": row["job_id"],
        "jenkins_url": row["jenkins_url"],
        "status": row["status"],
        "result": json.loads(row["result_json"]) if row["result_json"] else None,
        "created_at": row["created_at"],
        "completed_at": row["completed_at"],
        "analysis_started_at": row["analysis_started_at"],
        "capabilities": {"github_issues_enabled": False, "jira_issues_enabled": False},
        "base_url": "",
        "result_url": "/results/" + row["job_id"],
    }


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning", access_log=False)
