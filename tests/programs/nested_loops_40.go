package main

// 40 nested loops: past DEEP_LOOPS the int variables live in the frame (Cranelift's
// constant-phi removal was cubic in the nesting).
func main() {
	sum := 0
	count := 0
	for i0 := 0; i0 < 2; i0++ {
		for i1 := 0; i1 < 1; i1++ {
			for i2 := 0; i2 < 1; i2++ {
				for i3 := 0; i3 < 1; i3++ {
					for i4 := 0; i4 < 1; i4++ {
						for i5 := 0; i5 < 1; i5++ {
							for i6 := 0; i6 < 1; i6++ {
								for i7 := 0; i7 < 1; i7++ {
									for i8 := 0; i8 < 2; i8++ {
										for i9 := 0; i9 < 1; i9++ {
											for i10 := 0; i10 < 1; i10++ {
												for i11 := 0; i11 < 1; i11++ {
													for i12 := 0; i12 < 1; i12++ {
														for i13 := 0; i13 < 1; i13++ {
															for i14 := 0; i14 < 1; i14++ {
																for i15 := 0; i15 < 1; i15++ {
																	for i16 := 0; i16 < 2; i16++ {
																		for i17 := 0; i17 < 1; i17++ {
																			for i18 := 0; i18 < 1; i18++ {
																				for i19 := 0; i19 < 1; i19++ {
																					for i20 := 0; i20 < 1; i20++ {
																						for i21 := 0; i21 < 1; i21++ {
																							for i22 := 0; i22 < 1; i22++ {
																								for i23 := 0; i23 < 1; i23++ {
																									for i24 := 0; i24 < 2; i24++ {
																										for i25 := 0; i25 < 1; i25++ {
																											for i26 := 0; i26 < 1; i26++ {
																												for i27 := 0; i27 < 1; i27++ {
																													for i28 := 0; i28 < 1; i28++ {
																														for i29 := 0; i29 < 1; i29++ {
																															for i30 := 0; i30 < 1; i30++ {
																																for i31 := 0; i31 < 1; i31++ {
																																	for i32 := 0; i32 < 2; i32++ {
																																		for i33 := 0; i33 < 1; i33++ {
																																			for i34 := 0; i34 < 1; i34++ {
																																				for i35 := 0; i35 < 1; i35++ {
																																					for i36 := 0; i36 < 1; i36++ {
																																						for i37 := 0; i37 < 1; i37++ {
																																							for i38 := 0; i38 < 1; i38++ {
																																								for i39 := 0; i39 < 1; i39++ {
																																									count++
																																									sum += i0*1 + i8*9 + i16*17 + i24*25 + i32*33
																																								}
																																							}
																																						}
																																					}
																																				}
																																			}
																																		}
																																	}
																																}
																															}
																														}
																													}
																												}
																											}
																										}
																									}
																								}
																							}
																						}
																					}
																				}
																			}
																		}
																	}
																}
															}
														}
													}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	println(sum, count)
}
