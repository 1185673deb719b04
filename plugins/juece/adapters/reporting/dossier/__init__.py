"""The archive as a dossier (决策档案卷): a volume cover, the file list (卷内文件目录), each document
of the procedure in its own form, built from the record, the process record as appendix, and the
volume's reference sheet (卷内备考表), after GB/T 9705 and DA/T 22."""
