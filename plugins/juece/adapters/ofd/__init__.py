"""The archive's OFD edition (GB/T 33190 版式文档), signed with the decision body's SM2 key."""
