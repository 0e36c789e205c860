"""Text extraction, chunking, embedding and the vector and lexical indexes."""
